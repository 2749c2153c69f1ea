package cnnc.sizes;

import cnnc.parse.DescriptionParser;
import cnnc.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() throws Exception {
        for (String file : System.getProperty("scratch.files", "samples/unet.cnn").split(",")) {
            String text = Files.readString(Path.of(file)).replaceFirst("input [0-9]+x[0-9]+x", "input HxWx")
                    .replaceAll("(?m)\\s*=>.*$", "");
            SourceFile source = new SourceFile(file, text);
            long start = System.nanoTime();
            AcceptedSizes.Answer answer = AcceptedSizes.analyze(DescriptionParser.parse(source).description(), "m", source);
            System.out.println(file + " " + (System.nanoTime() - start) / 1_000_000 + " ms at " + answer.at());
            answer.problems().forEach(System.out::println);
            for (AcceptedSizes.Variable v : answer.variables()) {
                System.out.println(v.name() + ": " + v.accepted().describe(v.name()) + "  T=" + v.accepted().threshold() + " P=" + v.accepted().period());
                for (AcceptedSizes.Refusal r : v.refusals()) {
                    System.out.println("   refused " + r.sizes().describe(v.name()) + " e.g. " + r.example() + ": " + r.diagnostic().code() + " " + r.diagnostic().span().line() + ":" + r.diagnostic().span().column() + " " + r.diagnostic().message() + " " + r.diagnostic().notes());
                }
            }
            answer.rows().stream().limit(40).forEach(r -> System.out.println("  " + r));
        }
    }
}
