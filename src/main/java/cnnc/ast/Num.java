package cnnc.ast;

import cnnc.source.Span;

/** A whole number as written (or as evaluated from an expression), with its place. */
public record Num(long value, Span span) implements Expr {
}
