package cnnc.ast;

import cnnc.source.Span;

/** A whole number as written, with its place (so a bad value is reported under it). */
public record Num(long value, Span span) implements Node {
}
