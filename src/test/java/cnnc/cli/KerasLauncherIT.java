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
}
