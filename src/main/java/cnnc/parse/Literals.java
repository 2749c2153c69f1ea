package cnnc.parse;

import cnnc.ast.Expr;
import cnnc.ast.FunctionKind;
import cnnc.ast.Num;
import cnnc.ast.Size;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.diag.Suggestions;
import cnnc.grammar.CnnParser;
import cnnc.grammar.CnnParser.SizeContext;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Turns number, size and expression syntax into AST values. A number too large to hold is reported
 * and abandons the statement ({@link Abandon}), which then becomes an Invalid statement.
 */
final class Literals {
    private final Spans spans;
    private final Diagnostics diagnostics;

    /** Thrown after a diagnostic to give up on the statement being built. */
    static final class Abandon extends RuntimeException {
        Abandon() {
            super(null, null, false, false);
        }
    }

    Literals(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    Spans spans() {
        return spans;
    }

    Num num(Token token) {
        return number(spans.of(token));
    }

    Expr expr(CnnParser.ExprContext context) {
        if (context instanceof CnnParser.SingleContext single) {
            return primary(single.primary());
        }
        if (context instanceof CnnParser.DecimalLiteralContext decimal) {
            return new Expr.Dec(decimal.DECIMAL().getText(), spans.of(context));
        }
        CnnParser.ExprContext left;
        CnnParser.ExprContext right;
        Token op;
        if (context instanceof CnnParser.MultiplicativeContext m) {
            left = m.left;
            right = m.right;
            op = m.op;
        } else {
            CnnParser.AdditiveContext a = (CnnParser.AdditiveContext) context;
            left = a.left;
            right = a.right;
            op = a.op;
        }
        return new Expr.Binary(op.getText().charAt(0), expr(left), expr(right), spans.of(context));
    }

    Expr primary(CnnParser.PrimaryContext context) {
        if (context instanceof CnnParser.LiteralContext literal) {
            return num(literal.INT().getSymbol());
        } else if (context instanceof CnnParser.ReferenceContext reference) {
            return new Expr.Ref(reference.WORD().getText(), spans.of(context));
        } else if (context instanceof CnnParser.InputDimensionContext dimension) {
            String text = dimension.INDIM().getText();
            return new Expr.InputDim(text.charAt(text.length() - 1), spans.of(context));
        } else if (context instanceof CnnParser.FunctionContext call) {
            return call(call);
        }
        return expr(((CnnParser.ParenthesisedContext) context).expr());
    }

    /** {@code max(a, b)}: a function of {@link FunctionKind} with as many arguments as it takes, or reported. */
    private Expr call(CnnParser.FunctionContext context) {
        String word = context.WORD().getText();
        Span name = spans.of(context.WORD().getSymbol());
        FunctionKind function = FunctionKind.fromWord(word).orElse(null);
        if (function == null) {
            diagnostics.add(Code.E0707, name, "unknown function '" + word + "'", Suggestions.closest(word, FunctionKind.WORDS)
                    .map(guess -> "did you mean '" + guess + "'?")
                    .orElse("the functions are " + String.join(", ", FunctionKind.WORDS)));
            throw new Abandon();
        }
        int given = context.expr().size();
        if (given < function.fewest() || given > function.most()) {
            String wanted = function.fewest() == function.most() ? Integer.toString(function.fewest())
                    : function.fewest() + " to " + function.most();
            diagnostics.add(Code.E0704, spans.of(context), "'" + word + "' takes " + wanted
                    + (function.most() == 1 ? " argument" : " arguments") + ", but " + given
                    + (given == 1 ? " is" : " are") + " given", "write " + function.form().replace("`", ""));
            throw new Abandon();
        }
        List<Expr> arguments = new ArrayList<>();
        for (CnnParser.ExprContext argument : context.expr()) {
            arguments.add(expr(argument));
        }
        return new Expr.Call(function, arguments, spans.of(context));
    }

    /** The parts of {@code 100x100x1}, or the one expression of {@code 784} or {@code f}. */
    List<Expr> dims(SizeContext context) {
        if (context.DIMS() == null) {
            List<Expr> dims = new ArrayList<>();
            for (CnnParser.PrimaryContext primary : context.primary()) {
                dims.add(primary(primary));
            }
            return dims;
        }
        return numbers(context.DIMS().getSymbol());
    }

    /** The numbers of {@code 32x32x8}, each at its own place: on the token's line, a char a column. */
    private List<Expr> numbers(Token token) {
        Span whole = spans.of(token);
        String text = spans.source().text();
        List<Expr> dims = new ArrayList<>();
        for (int start = whole.start(); start < whole.end(); ) {
            int x = text.indexOf('x', start);
            int end = x < 0 || x > whole.end() ? whole.end() : x;
            dims.add(number(new Span(start, end, whole.line(), whole.column() + start - whole.start())));
            start = end + 1;
        }
        return dims;
    }

    /**
     * An asserted shape: {@code 56x56x256}, or an expression per axis ({@code floor(H/2) x W/2 x 8}), where a
     * compact word splits as an input's does ({@code => HxWx8}).
     */
    List<Expr> assertedDims(CnnParser.AssertedShapeContext context) {
        if (context.DIMS() != null) {
            return numbers(context.DIMS().getSymbol());
        }
        List<Expr> dims = new ArrayList<>();
        for (CnnParser.ExprContext axis : context.expr()) {
            Expr dim = expr(axis);
            if (dim instanceof Expr.Ref ref && ref.name().contains("x") && COMPACT.matcher(ref.name()).matches()) {
                dims.addAll(split(ref.name(), ref.span().start()));
            } else {
                dims.add(dim);
            }
        }
        return dims;
    }

    /**
     * An input's sizes, where a spatial size may be a variable: {@code HxWx3} is one word, {@code 224xWx3}
     * the number 224 then the word {@code xWx3} ({@code tail}), {@code H x W x 3} three primaries. A
     * compact word is split at its x's into numbers and one-letter variables; a variable is an
     * {@link Expr.Ref}, which the checker's size analysis binds (the channels must be a number: the
     * checker says so).
     */
    List<Expr> inputDims(SizeContext context, Token tail) {
        List<Expr> dims = new ArrayList<>();
        for (Expr dim : dims(context)) {
            if (dim instanceof Expr.Ref ref && ref.name().length() > 1 && COMPACT.matcher(ref.name()).matches()) {
                dims.addAll(split(ref.name(), ref.span().start()));
            } else {
                dims.add(dim);
            }
        }
        if (tail != null) {
            Span span = spans.of(tail);
            Span before = spans.of(context);
            String text = tail.getText();
            if (span.start() != before.end() || !COMPACT.matcher(text.substring(1)).matches() || text.charAt(0) != 'x') {
                diagnostics.add(Code.E0100, span, "expected the end of the statement (';' or a new line), found '"
                        + text + "'", "an input's sizes are written together, numbers or one-letter variables "
                        + "joined by x: input 224xWx3, input HxWx3");
                throw new Abandon();
            }
            dims.addAll(split(text.substring(1), span.start() + 1));
        }
        return dims;
    }

    /** Numbers and one-letter variables (not x) joined by x: HxWx3, Lx1, 16xHxWx3. */
    private static final java.util.regex.Pattern COMPACT =
            java.util.regex.Pattern.compile("([0-9]+|[A-Za-wyzA-Z])(x([0-9]+|[A-Za-wyzA-Z]))*");

    private List<Expr> split(String compact, int start) {
        List<Expr> dims = new ArrayList<>();
        int offset = start;
        for (String part : compact.split("x")) {
            Span span = spans.source().span(offset, offset + part.length());
            dims.add(Character.isDigit(part.charAt(0)) ? number(span) : new Expr.Ref(part, span));
            offset += part.length() + 1;
        }
        return dims;
    }

    /**
     * {@code K} (every axis) or a size per axis, {@code HxW} or {@code DxHxW}: whether as many as the
     * input's axes were written is the checker's to say; more than a volume's are reported here.
     */
    Size sizes(SizeContext context, String what) {
        List<Expr> dims = dims(context);
        Span span = spans.of(context);
        if (dims.size() > Size.MOST_AXES) {
            diagnostics.add(Code.E0103, span, "a " + what + " has a size per spatial axis, at most 3 (depth x height x "
                    + "width); '" + context.getText() + "' has " + dims.size(),
                    "write one number for every axis (3), or one per axis of the input (3x3 on an image, 3x3x3 on a volume)");
            throw new Abandon();
        }
        return new Size(dims, span);
    }

    /** The number whose digits are at {@code span}, read from the text there (a copy of them is not needed). */
    private Num number(Span span) {
        String text = spans.source().text();
        long value = 0;
        for (int i = span.start(); i < span.end(); i++) {
            int digit = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                diagnostics.add(Code.E0102, span, "the number " + abbreviate(spans.source().slice(span)) + " is too large",
                        "sizes and counts must be at most " + Long.MAX_VALUE);
                throw new Abandon();
            }
            value = value * 10 + digit;
        }
        return new Num(value, span);
    }

    private static String abbreviate(String digits) {
        return digits.length() <= 30 ? digits : digits.substring(0, 12) + "..." + " (" + digits.length() + " digits)";
    }
}
