package cnnc.parse;

import cnnc.ast.Description;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.grammar.CnnParser;
import cnnc.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Parses a description into its syntax tree. Never throws for bad input: it reports. */
public final class DescriptionParser {
    private DescriptionParser() {
    }

    /** The parse tree, and whether the parser recovered from syntax errors in it: only then is any part repaired. */
    private record Tree(CnnParser.DescriptionContext context, boolean recovered) {
    }

    /**
     * The parse tree in ANTLR's two stages: SLL prediction, which is cheaper and enough for every
     * description without mistakes, stopping at the first error; then, only if that failed, full LL
     * prediction with error recovery, which reports the mistakes.
     */
    private static Tree tree(ScannedTokens tokens, Spans spans, Diagnostics diagnostics) {
        CnnParser parser = new CnnParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return new Tree(parser.description(), false);
        } catch (ParseCancellationException mistake) {
            tokens.seek(0);
            parser = new CnnParser(tokens);
            parser.removeErrorListeners();
            parser.addErrorListener(new SyntaxErrors(spans, diagnostics));
            CnnParser.DescriptionContext tree = parser.description();
            return new Tree(tree, parser.getNumberOfSyntaxErrors() > 0);
        }
    }

    /** The grammar's tokens, by {@link TokenScanner} (the generated lexer's, without its start-up). */
    private static ScannedTokens tokens(SourceFile source) {
        return TokenScanner.scan(source);
    }

    /** The tokens and parse tree with the syntax errors alone (no word looked up, nothing checked). */
    public static Syntax syntax(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Spans spans = new Spans(source);
        ScannedTokens tokens = tokens(source);
        if (!TokenLimits.check(tokens.tokens(), spans, diagnostics)) {
            return new Syntax(tokens.tokens(), Optional.empty(), diagnostics.sorted());
        }
        try {
            Tree tree = tree(tokens, spans, diagnostics);
            return new Syntax(tokens.tokens(), Optional.of(tree.context()), diagnostics.sorted());
        } catch (StackOverflowError tooDeep) {
            diagnostics.add(Code.E0100, source.span(0, 0), "the description is nested too deeply to read");
            return new Syntax(tokens.tokens(), Optional.empty(), diagnostics.sorted());
        }
    }

    public static ParseResult parse(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Spans spans = new Spans(source);
        ScannedTokens tokens = tokens(source);
        if (!TokenLimits.check(tokens.tokens(), spans, diagnostics)) {
            return new ParseResult(new Description(List.of(), List.of(), source.span(0, 0)), diagnostics.sorted());
        }
        try {
            Tree tree = tree(tokens, spans, diagnostics);
            // read: the tokens are now the parse tree's alone, and go with the parts of it already built
            tokens.letGo();
            Description description = new AstBuilder(spans, diagnostics, tree.recovered()).build(tree.context());
            return new ParseResult(description, diagnostics.sorted());
        } catch (StackOverflowError tooDeep) {
            diagnostics.add(Code.E0100, source.span(0, 0), "the description is nested too deeply to read");
            return new ParseResult(new Description(List.of(), List.of(), source.span(0, 0)), diagnostics.sorted());
        }
    }
}
