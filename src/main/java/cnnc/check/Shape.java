package cnnc.check;

import java.util.List;

/** The shape of the tensor between two layers, without the batch dimension. */
public sealed interface Shape {

    /**
     * Positions along 1, 2 or 3 spatial axes (length; height x width; depth x height x width), each
     * holding {@code channels} values, channels last as Keras's.
     */
    record Grid(List<Long> sizes, long channels) implements Shape {
        public Grid {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.size() > 3) {
                throw new IllegalArgumentException("a grid has 1 to 3 spatial axes, not " + sizes.size());
            }
        }

        /** height x width x channels: an image. */
        public Grid(long height, long width, long channels) {
            this(List.of(height, width), channels);
        }

        /** The number of spatial axes: 1 (a sequence), 2 (an image) or 3 (a volume). */
        public int rank() {
            return sizes.size();
        }

        public long size(int axis) {
            return sizes.get(axis);
        }

        /** The product of the spatial sizes. */
        public long positions() {
            long product = 1;
            for (int axis = 0; axis < sizes.size(); axis++) { // no iterator: this runs for every layer
                product = Math.multiplyExact(product, sizes.get(axis));
            }
            return product;
        }

        /** What a grid of this rank is called: a sequence, an image or a volume. */
        public String noun() {
            return switch (rank()) {
                case 1 -> "sequence";
                case 2 -> "image";
                default -> "volume";
            };
        }

        /** Its spatial axes as a phrase: {@code length}, {@code height and width}, {@code depth, height and width}. */
        public String extent() {
            List<String> names = axisNames(rank());
            return names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }

        /** The letters of its shape: LxC, HxWxC, DxHxWxC. */
        public String letters() {
            return switch (rank()) {
                case 1 -> "LxC";
                case 2 -> "HxWxC";
                default -> "DxHxWxC";
            };
        }

        public Grid withChannels(long channels) {
            return new Grid(sizes, channels);
        }

        public List<Long> dims() {
            Long[] dims = new Long[sizes.size() + 1];
            for (int axis = 0; axis < sizes.size(); axis++) {
                dims[axis] = sizes.get(axis);
            }
            dims[sizes.size()] = channels;
            return List.of(dims);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (long size : sizes) {
                text.append(size).append('x');
            }
            return text.append(channels).toString();
        }
    }

    record Vector(long length) implements Shape {
        public List<Long> dims() {
            return List.of(length);
        }

        @Override
        public String toString() {
            return Long.toString(length);
        }
    }

    /** After a layer with an error: nothing is known, and nothing more is reported about it. */
    record Unknown() implements Shape {
        public List<Long> dims() {
            return List.of();
        }

        @Override
        public String toString() {
            return "?";
        }
    }

    List<Long> dims();

    /** True when {@code dims} are its {@link #dims()}, compared without making them. */
    default boolean hasDims(long[] dims) {
        if (this instanceof Grid grid) {
            if (dims.length != grid.rank() + 1 || dims[grid.rank()] != grid.channels()) {
                return false;
            }
            for (int axis = 0; axis < grid.rank(); axis++) {
                if (dims[axis] != grid.size(axis)) {
                    return false;
                }
            }
            return true;
        }
        return this instanceof Vector vector ? dims.length == 1 && dims[0] == vector.length() : dims.length == 0;
    }

    /** The values it holds: the product of its dimensions (1 when unknown). Overflow throws ArithmeticException. */
    default long elements() {
        if (this instanceof Grid grid) {
            return Math.multiplyExact(grid.positions(), grid.channels());
        }
        return this instanceof Vector vector ? vector.length() : 1;
    }

    default boolean isKnown() {
        return !(this instanceof Unknown);
    }

    /** The names of a grid's spatial axes, as reports and explanations say them. */
    static List<String> axisNames(int rank) {
        return switch (rank) {
            case 1 -> List.of("length");
            case 2 -> List.of("height", "width");
            case 3 -> List.of("depth", "height", "width");
            default -> throw new IllegalArgumentException("rank " + rank);
        };
    }
}
