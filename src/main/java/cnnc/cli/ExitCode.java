package cnnc.cli;

/** The launcher's exit codes, as documented in docs/diagnostics.md. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int MODEL_ERRORS = 1;
    public static final int USAGE = 2;
    public static final int IO = 3;
    public static final int INTERNAL = 4;
    public static final int OUT_OF_MEMORY = 5;

    private ExitCode() {
    }
}
