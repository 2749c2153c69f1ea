package cnnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.editor.Definitions;
import cnnc.testing.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every request at every position of every sample, the error samples and every sample cut short
 * included, called in-process without the server's guard: none may throw, since the guard would only
 * hide a bug as an empty answer. Every answer's positions lie inside the text.
 */
class EveryPositionTest {
    @TestFactory
    Stream<DynamicTest> everyRequestAnswersEverywhere() {
        return Samples.under("").stream().map(path -> DynamicTest.dynamicTest(path.toString(), () -> sweep(path)));
    }

    private static void sweep(Path path) {
        String text = Samples.source(path).text();
        List<String> versions = new ArrayList<>(List.of(text));
        for (int cut = 1; cut < 8; cut++) {
            versions.add(text.substring(0, text.length() * cut / 8));
        }
        for (String version : versions) {
            OpenDocument document = OpenDocument.compile(path.toUri().toString(), 1, version);
            int step = Math.max(1, version.length() / 500);
            for (int offset = 0; offset <= version.length(); offset += step) {
                Answers.hover(document, offset);
                Definitions.at(document.compilation(), offset).ifPresent(span -> inside(version, span.start(), span.end()));
                Answers.completions(document, offset, offset % 2 == 0);
            }
            Range all = new Range(new Position(0, 0), new Position(version.split("\n", -1).length, 0));
            Answers.shapes(document, all).forEach(hint -> {
                int at = document.lines().offset(hint.getPosition());
                assertEquals(hint.getPosition(), document.lines().position(at), "a hint beyond its line");
            });
            Symbols.of(document);
            PublishedDiagnostics.of(document);
        }
    }

    private static void inside(String text, int start, int end) {
        assertTrue(0 <= start && start <= end && end <= text.length(), start + ".." + end);
    }
}
