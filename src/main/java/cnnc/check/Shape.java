package cnnc.check;

import java.util.List;

/** The shape of the tensor between two layers, without the batch dimension. */
public sealed interface Shape {

    /** height x width x channels, as Keras's channels-last. */
    record Image(long height, long width, long channels) implements Shape {
        public List<Long> dims() {
            return List.of(height, width, channels);
        }

        @Override
        public String toString() {
            return height + "x" + width + "x" + channels;
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

    default boolean isKnown() {
        return !(this instanceof Unknown);
    }
}
