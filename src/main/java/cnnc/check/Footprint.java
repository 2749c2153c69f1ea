package cnnc.check;

/**
 * Where a layer's output positions read their input positions, along height and width: what the
 * receptive field follows, and what backends read of a window instead of working it out again.
 */
public sealed interface Footprint {
    Footprint POINTWISE = new Pointwise();
    Footprint GLOBAL = new Global();

    /**
     * Each output value reads the input value at its own position (element-wise layers, merges,
     * dropout, padding and cropping, which only shift positions, and flatten, which keeps each value's).
     */
    record Pointwise() implements Footprint {
    }

    /** A window slides over the input: convolutions and pooling. */
    record Sliding(Axis height, Axis width) implements Footprint {
    }

    /** Each input position spreads a window over the output: a transposed convolution. */
    record Transposed(Axis height, Axis width) implements Footprint {
    }

    /** Each input position is repeated over {@code height} x {@code width} output positions (upsample). */
    record Repeated(long height, long width) implements Footprint {
    }

    /**
     * Every output value reads every input position: dense layers, global pooling, and a reshape to
     * an image, whose positions are not the input's.
     */
    record Global() implements Footprint {
    }
}
