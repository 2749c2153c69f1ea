package cnnc.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.grammar.CnnLexer;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.junit.jupiter.api.Test;

class HighlightsTest {
    /** A token the lexer gains without a role here fails at once, naming the token (not in an editor, later). */
    @Test
    void everyTokenOfTheLexerHasARoleOrIsPunctuation() {
        List<String> missing = new ArrayList<>();
        for (int type = 1; type <= CnnLexer.VOCABULARY.getMaxTokenType(); type++) {
            try {
                Highlights.role(new CommonToken(type, "word"), null);
            } catch (IllegalStateException none) {
                missing.add(CnnLexer.VOCABULARY.getDisplayName(type));
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void rolesAreWhatTheParserReads() {
        // the offsets are chars: the emoji in the comment takes two, and the line after it is still right
        String text = "model \"m\"  # ok 🙂\ninput 8x8x3\nblock b(f) { conv f@3 same relu }\nb(4) as t => 8x8x4\n";
        List<String> seen = new ArrayList<>();
        for (Highlights.Highlight highlight : Highlights.of(new SourceFile("t.cnn", text))) {
            seen.add(text.substring(highlight.span().start(), highlight.span().end()) + " " + highlight.role());
        }
        assertEquals(List.of("model MODEL", "\"m\" MODEL_NAME", "# ok 🙂 COMMENT", "input INPUT", "8x8x3 SIZE",
                "block BLOCK", "b BLOCK_DEFINITION", "f PARAMETER", "conv LAYER", "f VARIABLE", "@ FILTERS", "3 NUMBER",
                "same MODIFIER", "relu ACTIVATION", "b BLOCK_USE", "4 NUMBER", "as CONTROL", "t TENSOR",
                "=> ASSERTION", "8x8x4 SIZE"), seen);
        assertTrue(seen.size() > 0);
    }
}
