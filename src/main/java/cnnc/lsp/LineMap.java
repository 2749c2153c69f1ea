package cnnc.lsp;

import cnnc.source.SourceFile;
import cnnc.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between cnnc's spans and LSP positions. A span's offsets count Java chars, which are UTF-16
 * units as LSP's characters are; its column counts code points (an emoji is one), so it is never used
 * here: a position's character is the offset minus the start of its line. The lexer and LSP count the
 * same line breaks (\n, \r\n, a lone \r).
 */
final class LineMap {
    private final SourceFile source;

    LineMap(SourceFile source) {
        this.source = source;
    }

    Range range(Span span) {
        return new Range(position(span.start()), position(span.end()));
    }

    Position position(int offset) {
        int clamped = Math.max(0, Math.min(offset, source.text().length()));
        int line = source.lineIndex(clamped);
        return new Position(line, clamped - source.lineStart(line));
    }

    /** The offset of a position; a character past its line's end is the line's end, a line past the text its end. */
    int offset(Position position) {
        if (position.getLine() < 0) {
            return 0;
        }
        if (position.getLine() >= source.lineCount()) {
            return source.text().length();
        }
        int start = source.lineStart(position.getLine());
        return start + Math.max(0, Math.min(position.getCharacter(), lineEnd(position.getLine()) - start));
    }

    /** The offset where a line's text ends, before its line break. */
    int lineEnd(int line) {
        return source.lineStart(line) + source.line(line + 1).length();
    }
}
