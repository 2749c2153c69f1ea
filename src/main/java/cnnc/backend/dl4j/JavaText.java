package cnnc.backend.dl4j;

import cnnc.backend.Ascii;
import java.lang.module.ModuleFinder;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Puts text from a description into Java source safely. The generated file is plain ASCII: javac
 * turns a {@code \u000a} into a line break anywhere, even inside a comment or a string, so text from
 * outside never reaches the file with a backslash-u, a line break or a quote it could close.
 */
public final class JavaText {
    /**
     * The words Java 17 keeps from names: its keywords, {@code _}, and the literals {@code true}, {@code false}
     * and {@code null} (JLS 3.9 and 3.10). javac's {@code SourceVersion.isKeyword} says the same, as
     * JavaTextTest checks; it is not used here because the playground's class library (TeaVM's) has no
     * {@code javax.lang.model}.
     */
    static final Set<String> RESERVED = Set.copyOf(List.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "_", "true", "false", "null"));

    private JavaText() {
    }

    /**
     * A Java string literal, quotes included, that evaluates to exactly {@code text}: printable ASCII
     * as it is, control characters as octal escapes ({@code \012} for a line break), the rest as
     * unicode escapes, which javac reads back as the characters they stand for.
     */
    public static String stringLiteral(String text) {
        if (Ascii.isPlain(text)) {
            return '"' + text + '"';
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\%03o", (int) c));
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    /**
     * Text for a {@code //} comment: one line of printable ASCII, backslashes doubled so that none
     * starts a unicode escape, anything else shown as {@code ?}.
     */
    public static String commentText(String text) {
        if (Ascii.isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp >= 0x20 && cp <= 0x7e) {
                out.appendCodePoint(cp);
            } else {
                out.append(cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : '?');
            }
        });
        return out.toString();
    }

    /**
     * A simple class name: an ASCII identifier that is not a keyword ({@code Seed}, not {@code a.B} or
     * {@code class}). ASCII, as the file is named after the class and javac reads it in the platform's
     * encoding unless told otherwise.
     */
    public static boolean isClassName(String name) {
        return name != null && !name.contains(".") && isAscii(name) && isName(name);
    }

    /**
     * A package name: ASCII identifiers separated by dots, none a keyword, and no package of the Java
     * platform ({@code java.lang}, {@code javax.tools}: javac refuses a class there, and the JVM
     * refuses any {@code java.*}).
     */
    public static boolean isPackageName(String name) {
        return isPackageSyntax(name) && !isPlatformPackage(name);
    }

    /** A package name by its spelling alone: ASCII identifiers separated by dots, none a keyword, none {@code java.*}. */
    public static boolean isPackageSyntax(String name) {
        return name != null && isAscii(name) && isName(name) && !name.equals("java") && !name.startsWith("java.");
    }

    /** A package of this Java platform's modules (looked up in the running JVM). */
    public static boolean isPlatformPackage(String name) {
        return ModuleFinder.ofSystem().findAll().stream()
                .anyMatch(module -> module.descriptor().packages().contains(name));
    }

    /** Identifiers separated by dots, none of them reserved: what javac's {@code SourceVersion.isName} accepts. */
    static boolean isName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || RESERVED.contains(part) || !Character.isJavaIdentifierStart(part.codePointAt(0))
                    || !part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String name) {
        return name.chars().allMatch(c -> c < 0x80);
    }

    /**
     * A class name made from a model name: its ASCII letters and digits, each run capitalised
     * ({@code seed_lines} becomes {@code SeedLines}); {@code Model} in front when that leaves nothing
     * or starts with a digit.
     */
    public static String classNameFor(String modelName) {
        StringBuilder out = new StringBuilder();
        boolean startOfWord = true;
        for (char c : modelName.toCharArray()) {
            boolean alphanumeric = c < 0x80 && Character.isLetterOrDigit(c);
            if (alphanumeric) {
                out.append(startOfWord ? Character.toUpperCase(c) : c);
            }
            startOfWord = !alphanumeric;
        }
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, "Model");
        }
        return out.toString();
    }
}
