package cnnc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.ast.AstPrinter;
import cnnc.ast.Description;
import cnnc.source.SourceFile;
import cnnc.testing.Cases;
import cnnc.testing.RandomGraphs;
import cnnc.testing.RandomModels;
import cnnc.testing.Samples;
import cnnc.testing.SyntaxTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * parse -> print -> parse gives the same syntax tree (source positions aside) on every good input:
 * a printer that drops or changes a word fails here, whatever the checker would make of it.
 */
class RoundTripTest {

    @TestFactory
    Stream<DynamicTest> printedDescriptionsParseBackToTheSameTree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var path : Samples.good()) {
            tests.add(Cases.named(path.toString(), () -> roundTrip(Samples.source(path).text())));
        }
        List<String> generated = new RandomModels(7).generate(300, c -> true);
        tests.add(Cases.named("300 generated models", () -> generated.forEach(RoundTripTest::roundTrip)));
        // graphs with merges, groups, blocks that take outputs and decimals, and the channel layers
        List<String> graphs = new RandomGraphs(8).generate(200, c -> true);
        tests.add(Cases.named("200 generated graphs", () -> graphs.forEach(RoundTripTest::roundTrip)));
        tests.add(Cases.named("quoted model name", () -> roundTrip("model \"a \\\"b\\\" \\\\ c\"\ninput 4\ndense 2\n")));
        return tests.stream();
    }

    @Test
    void treesThatDifferInOneWordAreNotEqual() {
        assertNotEquals(tree("input 8x8x3\nconv 4@3 relu\n"), tree("input 8x8x3\nconv 4@3\n"));
        assertNotEquals(tree("input 8x8x3\nmaxpool 2 /1\n"), tree("input 8x8x3\nmaxpool 2\n"));
        assertEquals(tree("input 8x8x3\nconv 4@3 valid\n"), tree("input  8x8x3 ;conv 4@3\n"), "defaults and spacing");
        // one number is every axis, whatever the rank; 3x3 fits only an image (on a volume it is E0103)
        assertNotEquals(tree("input 8x8x3\nconv 4@3x3\n"), tree("input 8x8x3\nconv 4@3\n"));
    }

    private static void roundTrip(String text) {
        Description first = parse(text);
        String printed = AstPrinter.print(first);
        Description second = parse(printed);
        assertEquals(SyntaxTrees.withoutSpans(first), SyntaxTrees.withoutSpans(second), text + "\nprinted as\n" + printed);
        assertEquals(printed, AstPrinter.print(second), "printing is stable");
        assertFalse(Samples.compile("model.cnn", printed).hasErrors(), printed);
    }

    private static Object tree(String text) {
        return SyntaxTrees.withoutSpans(parse(text));
    }

    private static Description parse(String text) {
        ParseResult result = DescriptionParser.parse(new SourceFile("model.cnn", text));
        assertTrue(result.diagnostics().isEmpty(), () -> text + result.diagnostics());
        return result.description();
    }
}
