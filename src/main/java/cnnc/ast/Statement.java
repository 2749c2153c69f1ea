package cnnc.ast;

/** One line (or one {@code ;}-separated part of a line) of a description or of a block. */
public sealed interface Statement extends Node
        permits ModelName, Defaults, Input, Layer, Call, Merge, Group, Repeat, Named, Asserted, Identity, Invalid, From,
        NamedOutputs {

    <R> R accept(Visitor<R> visitor);

    /** One method per form of statement; layers have a visitor of their own ({@link Layer.Visitor}). */
    interface Visitor<R> {
        R visitModelName(ModelName model);

        R visitDefaults(Defaults defaults);

        R visitInput(Input input);

        R visitLayer(Layer layer);

        R visitCall(Call call);

        R visitMerge(Merge merge);

        R visitGroup(Group group);

        R visitRepeat(Repeat repeat);

        R visitNamed(Named named);

        R visitAsserted(Asserted asserted);

        R visitIdentity(Identity identity);

        R visitInvalid(Invalid invalid);

        R visitFrom(From from);

        R visitNamedOutputs(NamedOutputs named);
    }
}
