package cnnc.ast;

/** One line (or one {@code ;}-separated part of a line) of a description. */
public sealed interface Statement extends Node permits ModelName, Input, Layer {
}
