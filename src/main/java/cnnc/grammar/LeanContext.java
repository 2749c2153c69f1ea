package cnnc.grammar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The parse tree's nodes (the grammar's {@code contextSuperClass}): ANTLR's, with the same answers, built and read
 * with fewer objects. A 1 MiB description has a million nodes, and the generated accessors ({@code ctx.WORD()},
 * {@code ctx.modifier()}) are called several times on each: ANTLR's walk a node's children with an iterator, and
 * give every node a list of ten children to be trimmed once the rule ends (a listener called on every token).
 * Here the accessors count through the children by index, and most nodes, which have one or two children, hold
 * them in an immutable list of their own size, which a third child turns into a growing one.
 */
public class LeanContext extends ParserRuleContext {
    public LeanContext() {
    }

    public LeanContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T child) {
        if (children == null) {
            children = List.of(child);
        } else if (children instanceof ArrayList<ParseTree> growing) {
            growing.add(child);
        } else if (children.size() == 1) {
            children = List.of(children.get(0), child);
        } else {
            List<ParseTree> growing = new ArrayList<>(4);
            growing.add(children.get(0));
            growing.add(children.get(1));
            growing.add(child);
            children = growing;
        }
        return child;
    }

    /** ANTLR's parser takes back the last child when a labelled alternative replaces its rule's node. */
    @Override
    public void removeLastChild() {
        if (children instanceof ArrayList<ParseTree> growing) {
            growing.remove(growing.size() - 1);
        } else if (children != null) {
            children = children.size() == 2 ? List.of(children.get(0)) : null;
        }
    }

    @Override
    public <T extends ParseTree> T getChild(Class<? extends T> type, int i) {
        if (children == null || i < 0 || i >= children.size()) {
            return null;
        }
        int found = -1;
        for (int k = 0; k < children.size(); k++) {
            ParseTree child = children.get(k);
            if (type.isInstance(child) && ++found == i) {
                return type.cast(child);
            }
        }
        return null;
    }

    @Override
    public TerminalNode getToken(int type, int i) {
        if (children == null || i < 0 || i >= children.size()) {
            return null;
        }
        int found = -1;
        for (int k = 0; k < children.size(); k++) {
            if (children.get(k) instanceof TerminalNode node && node.getSymbol().getType() == type && ++found == i) {
                return node;
            }
        }
        return null;
    }

    @Override
    public List<TerminalNode> getTokens(int type) {
        List<TerminalNode> tokens = null;
        for (int k = 0; children != null && k < children.size(); k++) {
            if (children.get(k) instanceof TerminalNode node && node.getSymbol().getType() == type) {
                if (tokens == null) {
                    tokens = new ArrayList<>();
                }
                tokens.add(node);
            }
        }
        return tokens == null ? Collections.emptyList() : tokens;
    }

    @Override
    public <T extends ParserRuleContext> List<T> getRuleContexts(Class<? extends T> type) {
        List<T> contexts = null;
        for (int k = 0; children != null && k < children.size(); k++) {
            ParseTree child = children.get(k);
            if (type.isInstance(child)) {
                if (contexts == null) {
                    contexts = new ArrayList<>();
                }
                contexts.add(type.cast(child));
            }
        }
        return contexts == null ? Collections.emptyList() : contexts;
    }
}
