package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc report} of an input with size variables, with and without {@code --at}, and the code generators' refusal. */
class SizesCommandTest {
    @TempDir
    Path dir;

    /** A 3x3 valid convolution then a 2x2 pooling: H - 2 >= 2, so H >= 4; the pooling then floor((H - 2)/2). */
    private Path model() throws IOException {
        Path file = dir.resolve("pool.cnn");
        Files.writeString(file, "input HxWx1\nconv 8@3\nmaxpool 2\n");
        return file;
    }

    @Test
    void theReportStatesTheSizesAndTheFormulas() throws IOException {
        CliTest.Run run = CliTest.run("report", model().toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("  H: at least 4\n  W: at least 4\n"), run.out());
        assertTrue(run.out().contains("maxpool1  floor(H/2) - 1 x floor(W/2) - 1 x 8"), run.out());
        // the convolution's MACs: 3 x 3 x 1 x 8 = 72 per output position
        assertTrue(run.out().contains("72*(H - 2)*(W - 2)"), run.out());
    }

    @Test
    void atGivenSizesTheConcreteReport() throws IOException {
        CliTest.Run run = CliTest.run("report", model().toString(), "--at", "10x6");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("input 10x6x1"), run.out());
        CliTest.Run named = CliTest.run("report", model().toString(), "--at", "W=6,H=10");
        assertEquals(run.out(), named.out());
    }

    @Test
    void aRefusedSizeIsTheLayersError() throws IOException {
        CliTest.Run run = CliTest.run("report", model().toString(), "--at", "3x6");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(":3:1: error[E0400]"), run.err());
    }

    /**
     * --explain works out one model: the one at the smallest sizes accepted, H = W = 4 (H - 2 >= 2), said first.
     * There the convolution gives (4 - 3)/1 + 1 = 2 and the pooling (2 - 2)/2 + 1 = 1.
     */
    @Test
    void explainWorksAtTheSmallestSizesAndSaysSo() throws IOException {
        CliTest.Run run = CliTest.run("report", model().toString(), "--explain");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Worked out at H = 4, W = 4, the smallest sizes accepted (H: at least 4; "
                + "W: at least 4;"), run.out());
        assertTrue(run.out().contains("(4 - 3)/1 + 1 = 2") && run.out().contains("(2 - 2)/2 + 1 = 1"), run.out());
        CliTest.Run markdown = CliTest.run("report", model().toString(), "--explain", "--format", "markdown");
        assertTrue(markdown.out().startsWith("Worked out at H = 4, W = 4"), markdown.out());
        CliTest.Run at = CliTest.run("report", model().toString(), "--explain", "--at", "10x6");
        assertTrue(at.out().contains("(10 - 3)/1 + 1 = 8") && !at.out().contains("Worked out at"), at.out());
        assertEquals(2, CliTest.run("report", model().toString(), "--explain", "--format", "csv").exit());
    }

    @Test
    void wrongSizesAreUsageErrors() throws IOException {
        assertEquals(2, CliTest.run("report", model().toString(), "--at", "10").exit());
        assertEquals(2, CliTest.run("report", model().toString(), "--at", "Q=3,H=4").exit());
        assertEquals(2, CliTest.run("report", "samples/seed.cnn", "--at", "10x10").exit());
        assertEquals(2, CliTest.run("report", model().toString(), "--format", "csv").exit());
    }

    @Test
    void jsonHoldsTheSizes() throws IOException {
        CliTest.Run run = CliTest.run("report", model().toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"input\": [4, 4, 1]"), run.out());
        assertTrue(run.out().contains("\"accepted\": \"at least 4\""), run.out());
    }

    /**
     * The convolution and the pooling are the same code at every size: Keras takes None for H and W. A dense
     * layer after a flatten has 10 x 8 x floor((H - 2)/2) x floor((W - 2)/2) weights, which change with the
     * sizes: no code is one for all of them (E0802, at the input).
     */
    @Test
    void codeIsWrittenWhereItIsTheSameAtEverySize() throws IOException {
        CliTest.Run run = CliTest.run("keras", model().toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("keras.Input(shape=(None, None, 1))"), run.out());
        Path dense = dir.resolve("dense.cnn");
        Files.writeString(dense, "input HxWx1\nconv 8@3\nmaxpool 2\nflatten\ndense 10\n");
        CliTest.Run refused = CliTest.run("keras", dense.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains(":1:1: error[E0802]: the code changes with the sizes"), refused.err());
        assertTrue(refused.out().isEmpty(), refused.out());
    }

    /**
     * --at for the code generators: the code of the model checked at those sizes, which must be the code of
     * the same file with the sizes written in (that path is what the conformance suites run in Keras,
     * PyTorch and DL4J). The dense layer after the flatten reads 8 x floor((H - 2)/2) x floor((W - 2)/2)
     * values, so without --at no code is one for every size (E0802); DL4J's code always holds the sizes.
     * The U-Net, whose assertions state one size and so are left out, at 64x48 (multiples of 8).
     */
    @Test
    void generatorsWriteTheCodeAtGivenSizes() throws IOException {
        String dense = "input HxWx1\nconv 8@3\nmaxpool 2\nflatten\ndense 10\n";
        String unet = Files.readString(Path.of("samples/unet.cnn")).replaceAll("(?m)[ \\t]*=>.*$", "");
        assertTrue(unet.contains("input 128x128x1\n"));
        for (String command : new String[] {"keras", "torch", "dl4j"}) {
            sameCode(command, "dense.cnn", dense, dense.replace("HxWx1", "10x6x1"), "10x6");
            sameCode(command, "dense.cnn", dense, dense.replace("HxWx1", "10x6x1"), "W=6,H=10");
            sameCode(command, "unet.cnn", unet.replace("input 128x128x1", "input HxWx1"),
                    unet.replace("input 128x128x1", "input 64x48x1"), "64x48");
        }
    }

    /** A size the model refuses is the checker's error at the layer that refuses it: exit 1, and no file. */
    @Test
    void generatorsAtARefusedSizeWriteNothing() throws IOException {
        for (String command : new String[] {"keras", "torch", "dl4j"}) {
            Path out = dir.resolve(command.equals("dl4j") ? "Pool.java" : "pool.py");
            CliTest.Run run = CliTest.run(command, model().toString(), "--at", "3x6", "-o", out.toString());
            assertEquals(1, run.exit(), command + ": " + run.err());
            assertTrue(run.err().contains("pool.cnn:3:1: error[E0400]"), run.err());
            assertTrue(Files.notExists(out), command + " wrote " + out);
            assertEquals(2, CliTest.run(command, "samples/seed.cnn", "--at", "10x10").exit(), command);
            assertEquals(2, CliTest.run(command, model().toString(), "--at", "10").exit(), command);
        }
    }

    private void sameCode(String command, String name, String withVariables, String withSizes, String at) throws IOException {
        Path file = dir.resolve(name); // one path: the code's first line names it
        Files.writeString(file, withSizes);
        CliTest.Run expected = CliTest.run(command, file.toString());
        Files.writeString(file, withVariables);
        CliTest.Run run = CliTest.run(command, file.toString(), "--at", at);
        assertEquals(0, expected.exit(), expected.err());
        assertEquals(0, run.exit(), command + " --at " + at + ": " + run.err());
        assertEquals(expected.out(), run.out(), command + " --at " + at);
        assertTrue(run.out().length() > 200, run.out());
    }
}
