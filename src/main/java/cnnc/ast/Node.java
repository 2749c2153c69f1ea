package cnnc.ast;

import cnnc.source.Span;

/** Every node of the syntax tree knows where it was written. */
public interface Node {
    Span span();
}
