package cnnc.cli;

/** The launcher's exit codes, as documented in docs/diagnostics.md. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int MODEL_ERRORS = 1;
    /** cnnc diff: the two models differ (diff(1)'s 1). */
    public static final int DIFFERENT = 1;
    public static final int USAGE = 2;
    public static final int IO = 3;
    public static final int INTERNAL = 4;
    public static final int OUT_OF_MEMORY = 5;
    /** cnnc diff: a model has errors, as diff(1) keeps 1 for "different" and everything from 2 for trouble. */
    public static final int DIFF_MODEL_ERRORS = 6;

    private ExitCode() {
    }
}
