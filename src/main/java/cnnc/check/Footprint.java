package cnnc.check;

import java.util.List;

/**
 * Where a layer's output positions read their input positions, along each spatial axis (in the
 * order of the grid's sizes: length; height, width; depth, height, width): what the
 * receptive field follows, and what backends read of a window instead of working it out again.
 */
public sealed interface Footprint {
    Footprint POINTWISE = new Pointwise();
    Footprint GLOBAL = new Global();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of footprint, so that a new one is a compile error wherever footprints are read. */
    interface Visitor<R> {
        R visitPointwise(Pointwise pointwise);

        R visitShifted(Shifted shifted);

        R visitSliding(Sliding sliding);

        R visitTransposed(Transposed transposed);

        R visitRepeated(Repeated repeated);

        R visitGlobal(Global global);
    }

    /**
     * Each output value reads the input value at its own position (element-wise layers, merges,
     * dropout, and flatten, which keeps each value's).
     */
    record Pointwise() implements Footprint {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPointwise(this);
        }
    }

    /**
     * Each output value reads the input value {@code offsets} positions further along each axis
     * than its own: zero padding ({@code zeropad 1 2 3 4}: 1 and 3) or, negative, cropping.
     */
    record Shifted(List<Long> offsets) implements Footprint {
        public Shifted {
            offsets = List.copyOf(offsets);
        }


        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShifted(this);
        }
    }

    /** A window slides over the input: convolutions and pooling. */
    record Sliding(List<Axis> axes) implements Footprint {
        public Sliding {
            axes = List.copyOf(axes);
        }


        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSliding(this);
        }
    }

    /** Each input position spreads a window over the output: a transposed convolution. */
    record Transposed(List<Axis> axes) implements Footprint {
        public Transposed {
            axes = List.copyOf(axes);
        }


        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTransposed(this);
        }
    }

    /**
     * Each input position is repeated {@code factors} times along each axis (upsample);
     * {@code interpolated}: each output position reads its 2 nearest input positions along each axis,
     * at half-pixel centres (bilinear), one along an axis where it falls exactly on an input position.
     */
    record Repeated(List<Long> factors, boolean interpolated) implements Footprint {
        public Repeated {
            factors = List.copyOf(factors);
        }


        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRepeated(this);
        }
    }

    /**
     * Every output value reads every input position: dense layers, global pooling, and a reshape to
     * an image, whose positions are not the input's.
     */
    record Global() implements Footprint {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitGlobal(this);
        }
    }
}
