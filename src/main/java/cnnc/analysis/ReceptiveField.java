package cnnc.analysis;

import java.util.List;

/**
 * The input region one output position of a layer depends on: its size in input pixels along each
 * spatial axis (height x width on an image) and the jump between neighbouring output positions; or the whole input, for a layer after
 * a dense layer, a global pooling or a reshape to an image.
 */
public sealed interface ReceptiveField {
    ReceptiveField WHOLE = new Whole();
    ReceptiveField UNKNOWN = new Unknown();

    /** Along each spatial axis of the input (height and width of an image), its size and jump. */
    record Region(List<Long> sizes, List<Jump> jumps) implements ReceptiveField {
        public Region {
            sizes = List.copyOf(sizes);
            jumps = List.copyOf(jumps);
        }

        /** {@code 212} when every axis has the same, {@code 7x3} otherwise. */
        public String sizeText() {
            return sizes.stream().allMatch(size -> size.equals(sizes.get(0))) ? Long.toString(sizes.get(0))
                    : String.join("x", sizes.stream().map(String::valueOf).toList());
        }

        public String jumpText() {
            return jumps.stream().allMatch(jump -> jump.equals(jumps.get(0))) ? jumps.get(0).toString()
                    : String.join("x", jumps.stream().map(Jump::toString).toList());
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
