package cnnc.ast;

/** One line (or one {@code ;}-separated part of a line) of a description or of a block. */
public sealed interface Statement extends Node
        permits ModelName, Input, Layer, Call, Merge, Repeat, Named, Asserted {
}
