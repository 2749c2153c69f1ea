package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.keras.KerasEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The user's path: {@code ./cnnc keras} as a process, then the written module run by Python with real Keras. */
class KerasLauncherIT {
    /** The seed question's answer, as the issue states it: 3,000 + 150,100 + 50,625,250 + 50,200 + 201. */
    private static final long SEED_PARAMETERS = 50_828_751L;

    @Test
    void theSeedModuleRunsInKerasAndItsSummaryCountsTheIssuesTotal() throws Exception {
        Path folder = Path.of("target", "keras-it").toAbsolutePath();
        Files.createDirectories(folder);
        Path module = folder.resolve("seed.py");
        Files.deleteIfExists(module);
        LauncherIT.Run written = LauncherIT.cnnc("keras", "samples/seed.cnn", "-o", module.toString());
        assertEquals(0, written.exit(), written.err());
        assertEquals("", written.out());

        KerasEnvironment.Run run = KerasEnvironment.run(List.of(KerasEnvironment.python().toString(),
                module.toString()), Duration.ofMinutes(3));
        assertEquals(0, run.exit(), run.output());
        Matcher total = Pattern.compile("Total params: ([0-9,]+)").matcher(run.output());
        assertTrue(total.find(), run.output());
        assertEquals(SEED_PARAMETERS, Long.parseLong(total.group(1).replace(",", "")), run.output());
        assertTrue(run.output().contains("dense1 (Dense)"), "the report's layer names: " + run.output());
    }

    /** The documented command: the module written with --loss trains in Keras without an edit (two steps on random data). */
    @Test
    void theSeedModuleWrittenWithALossTrainsAsTheReadmeSays() throws Exception {
        Path folder = Path.of("target", "keras-it").toAbsolutePath();
        Files.createDirectories(folder);
        Path module = folder.resolve("seed_loss.py");
        Files.deleteIfExists(module);
        LauncherIT.Run written = LauncherIT.cnnc("keras", "samples/seed.cnn", "--loss", "xent", "-o", module.toString());
        assertEquals(0, written.exit(), written.err());
        KerasEnvironment.Run run = KerasEnvironment.run(List.of(KerasEnvironment.python().toString(), "-c",
                "import sys, numpy as np; sys.path.insert(0, sys.argv[1]); import seed_loss; "
                        + "history = seed_loss.compile_model().fit(np.random.rand(2, 100, 100, 1), "
                        + "np.random.randint(0, 2, (2, 1)), epochs=2, verbose=0); print('LOSSES', history.history['loss'])",
                folder.toString()), Duration.ofMinutes(3));
        assertEquals(0, run.exit(), run.output());
        Matcher losses = Pattern.compile("LOSSES \\[([-0-9.e]+), ([-0-9.e]+)]").matcher(run.output());
        assertTrue(losses.find(), run.output());
        assertTrue(Double.isFinite(Double.parseDouble(losses.group(1))) && Double.isFinite(Double.parseDouble(losses.group(2))),
                run.output());
    }
}
