package cnnc.parse;

import cnnc.ast.Num;
import cnnc.ast.Size2;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.grammar.CnnParser.SizeContext;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Turns number and size tokens into values, reporting numbers too large to hold. */
final class Literals {
    private final Spans spans;
    private final Diagnostics diagnostics;

    Literals(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    Spans spans() {
        return spans;
    }

    /** A whole number token, or null (reported) when it does not fit in 63 bits. */
    Num num(Token token) {
        Span span = spans.of(token);
        return number(token.getText(), span);
    }

    /** The parts of {@code 100x100x1} (or the single number {@code 784}), or null if one is too large. */
    List<Num> dims(SizeContext context) {
        Token token = context.getStart();
        Span whole = spans.of(token);
        List<Num> dims = new ArrayList<>();
        int offset = 0;
        for (String part : token.getText().split("x")) {
            Span span = spans.source().span(whole.start() + offset, whole.start() + offset + part.length());
            Num num = number(part, span);
            if (num == null) {
                return null;
            }
            dims.add(num);
            offset += part.length() + 1;
        }
        return dims;
    }

    /** {@code K} (square) or {@code HxW}; null (reported) for any other number of dimensions. */
    Size2 size2(SizeContext context, String what) {
        List<Num> dims = dims(context);
        if (dims == null) {
            return null;
        }
        Span span = spans.of(context);
        return switch (dims.size()) {
            case 1 -> new Size2(dims.get(0), dims.get(0), span);
            case 2 -> new Size2(dims.get(0), dims.get(1), span);
            default -> {
                diagnostics.add(Code.E0103, span, "a " + what + " has two dimensions, height x width; '"
                        + context.getText() + "' has " + dims.size(), "write it as HxW, e.g. 3x3, or as one number for a square");
                yield null;
            }
        };
    }

    private Num number(String digits, Span span) {
        try {
            return new Num(Long.parseLong(digits), span);
        } catch (NumberFormatException tooLarge) {
            diagnostics.add(Code.E0102, span, "the number " + abbreviate(digits) + " is too large",
                    "sizes and counts must be at most " + Long.MAX_VALUE);
            return null;
        }
    }

    private static String abbreviate(String digits) {
        return digits.length() <= 30 ? digits : digits.substring(0, 12) + "..." + " (" + digits.length() + " digits)";
    }
}
