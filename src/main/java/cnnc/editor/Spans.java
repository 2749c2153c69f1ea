package cnnc.editor;

import cnnc.source.Span;

final class Spans {
    private Spans() {
    }

    /** Whether an editor's cursor at {@code offset} is on the span: its ends count, so a word's end is on it. */
    static boolean contains(Span span, int offset) {
        return span != null && offset >= span.start() && offset <= span.end();
    }
}
