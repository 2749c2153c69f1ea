package cnnc.cli;

/** A command line that cannot be run as written: one line saying why, exit 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
