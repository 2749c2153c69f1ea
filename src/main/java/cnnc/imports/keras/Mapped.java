package cnnc.imports.keras;

/** What one Keras layer becomes in the description. */
sealed interface Mapped {
    /** A statement of one layer; {@code comment}, when not empty, says what Keras does that the statement does not. */
    record Statement(String text, String comment) implements Mapped {
    }

    /** A merge of the layer's inputs: {@code add}, {@code multiply} or {@code concat}. */
    record Merge(String word) implements Mapped {
    }

    /** No layer: the output is the input (Keras's Identity). */
    record Pass() implements Mapped {
    }

    /** Refused: the diagnostics say why. */
    record Refused() implements Mapped {
    }
}
