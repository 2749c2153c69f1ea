package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

class JavaTextTest {

    @Test
    void stringLiteralsEscapeWhatWouldEndThemAndKeepTheFileAscii() {
        assertEquals("\"say \\\"hi\\\" \\\\ now\"", JavaText.stringLiteral("say \"hi\" \\ now"));
        assertEquals("\"a\\012b\\011c\\001\"", JavaText.stringLiteral("a\nb\tc\u0001"));
        assertEquals("\"\\u00e9\\ud83d\\ude00\"", JavaText.stringLiteral("\u00e9\ud83d\ude00"));
    }

    @Test
    void commentTextIsOneAsciiLineWithNoUnicodeEscape() {
        assertEquals("a\\\\u000a b ?", JavaText.commentText("a\\u000a\nb \u00e9"));
    }

    @Test
    void classNamesComeFromModelNamesInPascalCase() {
        assertEquals("Seed", JavaText.classNameFor("seed"));
        assertEquals("SeedLines", JavaText.classNameFor("seed_lines"));
        assertEquals("MyNet2", JavaText.classNameFor("my net 2"));
        assertEquals("Model3d", JavaText.classNameFor("3d"));
        assertEquals("Model", JavaText.classNameFor("\"); \u00e9"));
        assertEquals("InputTypeModel", Dl4jBackend.defaultClassName("input type"));
    }

    @Test
    void packageAndClassNamesAreJavaNames() {
        assertTrue(JavaText.isPackageName("org.example.nets"));
        assertFalse(JavaText.isPackageName("org.example.int"));
        assertTrue(JavaText.isClassName("Seed"));
        assertFalse(JavaText.isClassName("org.Seed"));
        assertFalse(JavaText.isClassName("enum"));
    }

    /**
     * The reserved words are javac's: each is a keyword to SourceVersion, and so is no other word of the
     * JLS's lists nor any of the restricted identifiers' neighbours; names are what SourceVersion.isName
     * accepts, over every word of ASCII letters up to three long and assorted others.
     */
    @Test
    void namesAreWhatJavacTakes() {
        for (String word : JavaText.RESERVED) {
            assertTrue(SourceVersion.isKeyword(word, SourceVersion.RELEASE_17), word);
        }
        List<String> words = new ArrayList<>(List.of("var", "record", "yield", "sealed", "permits", "non-sealed",
                "module", "open", "exports", "with", "to", "a.b", "a..b", ".a", "a.", "", "1a", "a1", "$", "_a", "__",
                "a$b", "org.example.int", "java.lang", "Seed", "enum"));
        words.addAll(JavaText.RESERVED);
        String letters = "abcdefghijklmnopqrstuvwxyzAZ_$0.";
        for (char a : letters.toCharArray()) {
            words.add("" + a);
            for (char b : letters.toCharArray()) {
                words.add("" + a + b);
                for (char c : "aen_.1".toCharArray()) {
                    words.add("" + a + b + c);
                }
            }
        }
        for (String word : words) {
            assertEquals(SourceVersion.isName(word, SourceVersion.RELEASE_17), JavaText.isName(word), word);
        }
    }

    @Test
    void theKeepProbabilityIsOneMinusTheRateExactly() {
        assertEquals("0.9", LayerTranslator.keepProbability("0.1"));
        assertEquals("0.5", LayerTranslator.keepProbability(".5"));
        assertEquals("1.0", LayerTranslator.keepProbability("0"));
        assertEquals("0.75", LayerTranslator.keepProbability("0.250"));
    }
}
