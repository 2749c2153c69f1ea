package cnnc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cnnc.Compilation;
import cnnc.ast.AstPrinter;
import cnnc.testing.RandomModels;
import cnnc.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** parse -> print -> parse keeps the tree (and so the checked model) on every good input. */
class RoundTripTest {

    @TestFactory
    Stream<DynamicTest> printedDescriptionsParseBackToTheSameModel() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var path : Samples.good()) {
            tests.add(DynamicTest.dynamicTest(path.toString(), () -> roundTrip(Samples.source(path).text())));
        }
        List<String> generated = new RandomModels(7).generate(300, c -> true);
        tests.add(DynamicTest.dynamicTest("300 generated models", () -> generated.forEach(RoundTripTest::roundTrip)));
        tests.add(DynamicTest.dynamicTest("quoted model name", () -> roundTrip("model \"a \\\"b\\\" \\\\ c\"\ninput 4\ndense 2\n")));
        return tests.stream();
    }

    private static void roundTrip(String text) {
        Compilation first = Samples.compile("model.cnn", text);
        assertFalse(first.hasErrors(), () -> text + first.diagnostics());
        String printed = AstPrinter.print(DescriptionParser.parse(first.source()).description());
        Compilation second = Samples.compile("model.cnn", printed);
        assertFalse(second.hasErrors(), () -> printed + second.diagnostics());
        assertEquals(printed, AstPrinter.print(DescriptionParser.parse(second.source()).description()), text);
        assertEquals(first.model().name(), second.model().name());
        assertEquals(summary(first), summary(second), text + "\nprinted as\n" + printed);
    }

    private static List<String> summary(Compilation compilation) {
        return compilation.model().layers().stream()
                .map(l -> l.name() + " " + l.outputShape() + " " + l.tensors()).toList();
    }

}
