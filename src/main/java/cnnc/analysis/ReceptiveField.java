package cnnc.analysis;

/**
 * The input region one output position of a layer depends on: its size in input pixels (height x
 * width) and the jump between neighbouring output positions; or the whole input, for a layer after
 * a dense layer, a global pooling or a reshape to an image.
 */
public sealed interface ReceptiveField {
    ReceptiveField WHOLE = new Whole();
    ReceptiveField UNKNOWN = new Unknown();

    record Region(long height, long width, Jump jumpHeight, Jump jumpWidth) implements ReceptiveField {
        /** {@code 212} for a square, {@code 7x3} otherwise. */
        public String sizeText() {
            return height == width ? Long.toString(height) : height + "x" + width;
        }

        public String jumpText() {
            return jumpHeight.equals(jumpWidth) ? jumpHeight.toString() : jumpHeight + "x" + jumpWidth;
        }
    }

    record Whole() implements ReceptiveField {
    }

    /**
     * Not given exactly: after a merge of branches whose positions are different distances apart, or
     * where the pattern of fields repeats only after more than 4,096 positions.
     */
    record Unknown() implements ReceptiveField {
    }
}
