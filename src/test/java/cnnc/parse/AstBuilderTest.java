package cnnc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.ast.Asserted;
import cnnc.ast.Layer;
import cnnc.ast.LayerKind;
import cnnc.ast.Merge;
import cnnc.ast.Named;
import cnnc.ast.Repeat;
import cnnc.ast.Statement;
import cnnc.grammar.CnnParser;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What javac cannot see between the grammar, {@link LayerKind} and {@link AstBuilder}: ANTLR's visitor returns
 * null for a statement form the builder does not override (an internal error at the first use), and a
 * keyword that writes a kind the builder maps to another would build the wrong layer.
 */
class AstBuilderTest {
    /** Each labelled alternative of the grammar's {@code layer} rule ({@code # convStatement}) has its visit method. */
    @Test
    void everyStatementFormOfTheGrammarIsBuilt() {
        List<String> missing = new ArrayList<>();
        int forms = 0;
        for (Class<?> form : CnnParser.class.getDeclaredClasses()) {
            if (form.getSuperclass() != CnnParser.LayerContext.class) {
                continue;
            }
            forms++;
            String method = "visit" + form.getSimpleName().replaceFirst("Context$", "");
            try {
                AstBuilder.class.getDeclaredMethod(method, form);
            } catch (NoSuchMethodException e) {
                missing.add("AstBuilder." + method + "(CnnParser." + form.getSimpleName() + ")");
            }
        }
        assertTrue(forms >= 18, "the statement forms were found: " + forms);
        assertEquals(List.of(), missing, "statement forms of grammar/Cnn.g4 that parse/AstBuilder.java does not build");
    }

    /**
     * Every example of every kind (LayerKind's, as the README's table shows them) parses without a diagnostic to a
     * layer of that kind: the keyword scans as the grammar's token, the grammar has its form, and the builder
     * makes the kind's record.
     */
    @Test
    void everyKindsExamplesParseToLayersOfThatKind() {
        List<String> wrong = new ArrayList<>();
        for (LayerKind kind : LayerKind.values()) {
            for (String example : kind.example().split("`, `")) {
                String text = example.replace("`", "");
                ParseResult parsed;
                try {
                    parsed = DescriptionParser.parse(new SourceFile(kind.op() + ".cnn", text + "\n"));
                } catch (RuntimeException e) {
                    wrong.add(kind + " '" + text + "' throws " + e);
                    continue;
                }
                if (!parsed.diagnostics().isEmpty()) {
                    wrong.add(kind + " '" + text + "': " + parsed.diagnostics());
                    continue;
                }
                List<Statement> statements = parsed.description().statements();
                LayerKind built = statements.size() == 1 ? kindOf(statements.get(0)) : null;
                if (built != kind) {
                    wrong.add(kind + " '" + text + "' parses to " + (built == null ? statements : built));
                }
            }
        }
        assertEquals(List.of(), wrong, "examples of ast/LayerKind.java that do not parse to their kind");
    }

    /**
     * A model's name may be any word, keywords included ({@code model conv}): the grammar's {@code keyword} rule
     * lists them, and every word literal of its vocabulary must be there.
     */
    @Test
    void everyKeywordOfTheGrammarCanNameAModel() {
        List<String> refused = new ArrayList<>();
        for (int type = 1; type <= CnnParser.VOCABULARY.getMaxTokenType(); type++) {
            String literal = CnnParser.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.matches("'[a-z]+'") && !literal.equals("'x'")) {
                String word = literal.substring(1, literal.length() - 1);
                ParseResult parsed = DescriptionParser.parse(new SourceFile("name.cnn", "model " + word + "\n"));
                if (!parsed.diagnostics().isEmpty()) {
                    refused.add(word);
                }
            }
        }
        assertEquals(List.of(), refused, "keywords missing from the rule 'keyword' of grammar/Cnn.g4 (model NAME)");
    }

    private static LayerKind kindOf(Statement statement) {
        if (statement instanceof Layer layer) {
            return layer.kind();
        } else if (statement instanceof Merge merge) {
            return merge.kind().kind();
        } else if (statement instanceof Named named) {
            return kindOf(named.statement());
        } else if (statement instanceof Repeat repeat) {
            return kindOf(repeat.statement());
        } else if (statement instanceof Asserted asserted) {
            return kindOf(asserted.statement());
        }
        return fail("not a layer: " + statement);
    }
}
