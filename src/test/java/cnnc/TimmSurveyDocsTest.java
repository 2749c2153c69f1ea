package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.bench.TimmSurvey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/timm.md's survey of timm's CNN architectures holds together: its counts are its table's rows, each
 * architecture is one row, and the first sentence's count of CNN architectures is the table's. (That its
 * rows are what cnnc and timm do is TimmModelsTest's, which measures a few of them again in timm.)
 */
class TimmSurveyDocsTest {
    private static final Path PAGE = Path.of("docs", "timm.md");

    @Test
    void countsAreTheTablesRows() throws IOException {
        String page = Files.readString(PAGE);
        List<TimmSurvey.Row> rows = TimmSurvey.rows(page);
        Map<String, Integer> counts = TimmSurvey.counts(page);
        assertEquals(TimmSurvey.OUTCOMES, List.copyOf(counts.keySet()), "the counts table's outcomes");
        for (String outcome : TimmSurvey.OUTCOMES) {
            assertEquals(rows.stream().filter(r -> r.outcome().equals(outcome)).count(), (long) counts.get(outcome),
                    "rows " + outcome + " and the count given");
        }
        Matcher sentence = Pattern.compile("(\\d+) model modules, (\\d+) of them CNN architectures").matcher(page);
        assertTrue(sentence.find(), "the survey's first sentence");
        assertEquals(rows.size(), Integer.parseInt(sentence.group(2)), "CNN architectures and the table's rows");
        assertTrue(rows.size() <= Integer.parseInt(sentence.group(1)), "more CNN architectures than modules");
        assertEquals(rows.size(), rows.stream().map(TimmSurvey.Row::module).distinct().count(), "a module on two rows");
        assertFalse(rows.isEmpty(), "no rows");
    }
}
