package cnnc.parse;

import cnnc.ast.Description;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import cnnc.source.SourceFile;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/** Parses a description into its syntax tree. Never throws for bad input: it reports. */
public final class DescriptionParser {
    private DescriptionParser() {
    }

    public static ParseResult parse(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Spans spans = new Spans(source);
        CnnLexer lexer = new CnnLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!TokenLimits.check(tokens.getTokens(), spans, diagnostics)) {
            return new ParseResult(new Description(List.of(), List.of(), source.span(0, 0)), diagnostics.sorted());
        }
        CnnParser parser = new CnnParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrors(spans, diagnostics));
        try {
            CnnParser.DescriptionContext tree = parser.description();
            Description description = new AstBuilder(spans, diagnostics).build(tree);
            return new ParseResult(description, diagnostics.sorted());
        } catch (StackOverflowError tooDeep) {
            diagnostics.add(Code.E0100, source.span(0, 0), "the description is nested too deeply to read");
            return new ParseResult(new Description(List.of(), List.of(), source.span(0, 0)), diagnostics.sorted());
        }
    }
}
