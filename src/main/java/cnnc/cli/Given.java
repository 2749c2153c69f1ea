package cnnc.cli;

import java.util.List;

/** What a command line gave a command: each option's value (converted, or its default) and the files. */
interface Given {
    /**
     * The value of the option named (its long name): what its converter made of the text, or of the default;
     * null when neither was given. A flag is {@code Boolean.TRUE} or null; a list option a {@code List<String>}.
     */
    <T> T value(String option);

    /** The description files named, or {@code -} for standard input. */
    List<String> files();
}
