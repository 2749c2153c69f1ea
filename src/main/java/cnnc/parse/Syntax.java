package cnnc.parse;

import cnnc.diag.Diagnostic;
import cnnc.grammar.CnnParser;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * A description as the grammar reads it, before any word is looked up: every token (comments among
 * them, on the hidden channel), the parse tree (absent when the tokens are beyond the language's
 * limits), and the syntax errors alone. For tools that work on the text itself, such as cnnc fmt.
 */
public record Syntax(List<Token> tokens, Optional<CnnParser.DescriptionContext> tree, List<Diagnostic> errors) {
    public Syntax {
        tokens = List.copyOf(tokens);
        errors = List.copyOf(errors);
    }
}
