package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.web.Playground;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's report (its Working tab and "copy as") is what {@code cnnc report} prints for the same text,
 * a model with size variables included: the sizes accepted and each row's formula in the text report, the
 * working's first line naming the sizes it is worked out at, the JSON's {@code sizes}. The page runs these same
 * calls compiled by TeaVM.
 */
class PlaygroundReportsTest {
    private static final String UNET = """
            model unet
            input HxWx1
            conv 8@3 same relu; maxpool 2 as down
            conv 16@3 same relu; maxpool 2
            upsample 2; concat { identity | from down }
            upsample 2; conv 1@1 sigmoid
            """;

    @Test
    void theReportsOfAModelWithSizeVariablesAreTheCommandLines(@TempDir Path dir) throws Exception {
        assertSameReports(dir, UNET, true);
        // two 2x2 poolings: H and W at least 4, so the smallest accepted sizes are 4 and 4
        assertTrue(Playground.report("text", true).startsWith("Worked out at H = 4, W = 4"),
                Playground.report("text", true));
    }

    @Test
    void theReportsOfAModelWithFixedSizesAreTheCommandLines(@TempDir Path dir) throws Exception {
        assertSameReports(dir, UNET.replace("input HxWx1", "input 64x48x1"), false);
    }

    private static void assertSameReports(Path dir, String text, boolean variables) throws Exception {
        Path file = dir.resolve("unet.cnn");
        Files.writeString(file, text);
        Playground.compile("unet.cnn", text, "1", "float32", "adam", false);
        for (List<String> options : List.of(List.of("text"), List.of("markdown"), List.of("json"))) {
            String format = options.get(0);
            for (boolean explain : new boolean[] {false, true}) {
                if (variables && format.equals("markdown") && !explain) {
                    continue; // the command line asks for --at (a table at one size); the page copies the one it shows
                }
                List<String> args = new java.util.ArrayList<>(List.of("report", "--format", format));
                if (explain) {
                    args.add("--explain");
                }
                args.add(file.toString());
                CliTest.Run cli = CliTest.run(args.toArray(String[]::new));
                assertEquals(0, cli.exit(), cli.err());
                assertEquals(cli.out(), Playground.report(format, explain), String.join(" ", args));
            }
        }
    }
}
