package cnnc.format;

import cnnc.grammar.CnnParser;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * What each token is in the parse tree: the rule it belongs to tells a stride's {@code /} from a
 * division's, a merge's brace from a block's, a call's parenthesis from an expression's.
 */
final class Roles {
    private final Map<Integer, ParserRuleContext> parents = new HashMap<>();

    Roles(CnnParser.DescriptionContext tree) {
        collect(tree);
    }

    private void collect(ParseTree node) {
        for (int i = 0; i < node.getChildCount(); i++) {
            ParseTree child = node.getChild(i);
            if (child instanceof TerminalNode terminal) {
                parents.put(terminal.getSymbol().getTokenIndex(), (ParserRuleContext) node);
            } else {
                collect(child);
            }
        }
    }

    ParserRuleContext parent(Token token) {
        return parents.get(token.getTokenIndex());
    }

    boolean is(Token token, Class<? extends ParserRuleContext> rule) {
        return rule.isInstance(parent(token));
    }

    /** Tokens after a word that is no layer: kept as written, for the checker to report. */
    boolean isUnread(Token token) {
        return is(token, CnnParser.RestContext.class);
    }

    /** The {@code =>} whose shape ends at {@code last}, or false. */
    boolean isAssertionEndingAt(Token arrow, Token last) {
        return parent(arrow) instanceof CnnParser.AssertionContext assertion
                && assertion.getStop().getTokenIndex() == last.getTokenIndex();
    }
}
