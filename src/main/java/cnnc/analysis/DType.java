package cnnc.analysis;

import java.util.Optional;

/** The number type parameters and activations are stored in, for the memory figures. */
public enum DType {
    FLOAT32(4), FLOAT16(2), BFLOAT16(2), INT8(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<DType> fromWord(String word) {
        for (DType type : values()) {
            if (type.word().equals(word)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
