package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.source.SourceFile;
import cnnc.testing.Cases;
import cnnc.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each file under samples/errors/ states the diagnostics it must give, in comments on the lines
 * they are about:
 *
 * <pre>conv 60@7x7   # expect: error[E0400] at 'conv' "(5 - 7)/1 + 1 = -1"</pre>
 *
 * The quoted text after {@code at} places the caret (its first occurrence on that line, or the
 * n-th with {@code 'text'(n)}); the double-quoted text must occur in the message or a hint. Each
 * {@code note at 'text' "fragment"} after it names a note the diagnostic must carry, placed at the
 * first line whose code (before any {@code #}) holds the text. A file gives exactly the
 * diagnostics it states, no more.
 */
class ExpectedDiagnosticsTest {
    private static final Pattern EXPECT = Pattern.compile(
            "expect: (error|warning)\\[(\\w+)] at '([^']*)'(?:\\((\\d+)\\))?(?: \"([^\"]*)\")?((?: note at '[^']*' \"[^\"]*\")*)");
    private static final Pattern NOTE = Pattern.compile("note at '([^']*)' \"([^\"]*)\"");

    record ExpectedNote(int line, int column, String fragment) {
    }

    record Expected(String severity, String code, int line, int column, String fragment, List<ExpectedNote> notes) {
        String key() {
            return severity + "[" + code + "] " + line + ":" + column;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyErrorSampleGivesExactlyItsExpectedDiagnostics() {
        return Samples.under("errors").stream().map(path -> Cases.named(path.getFileName().toString(), () -> {
            SourceFile source = Samples.source(path);
            List<Expected> expected = expectations(source);
            assertFalse(expected.isEmpty(), path + " states no expected diagnostic");
            Compilation compilation = Compiler.compile(source);
            List<String> actualKeys = compilation.diagnostics().stream()
                    .map(d -> d.severity().word() + "[" + d.code() + "] " + d.span().line() + ":" + d.span().column())
                    .sorted().toList();
            assertEquals(expected.stream().map(Expected::key).sorted().toList(), actualKeys,
                    "diagnostics of " + path + ":\n" + rendered(compilation));
            for (Expected e : expected) {
                assertTrue(compilation.diagnostics().stream().anyMatch(d -> matches(d, e)),
                        "no diagnostic at " + e.key() + " says \"" + e.fragment() + "\":\n" + rendered(compilation));
            }
        }));
    }

    @Test
    void renderedDiagnosticsNameFileLineAndColumnAndPointAtTheWords() {
        SourceFile source = Samples.source(Samples.ROOT.resolve("errors/output-not-positive.cnn"));
        Compilation compilation = Compiler.compile(source);
        String text = DiagnosticRenderer.render(source, compilation.diagnostics().get(0));
        List<String> lines = text.lines().toList();
        assertEquals("samples/errors/output-not-positive.cnn:2:1: error[E0400]: a 7x7 kernel on a 5x5x1 input "
                + "gives an output of -1x-1: (5 - 7)/1 + 1 = -1 in height and width", lines.get(0));
        assertEquals(" 2 | conv 60@7x7   # expect: error[E0400] at 'conv' \"(5 - 7)/1 + 1 = -1\"", lines.get(1));
        assertEquals("   | ^^^^^^^^^^^", lines.get(2));
        assertTrue(lines.get(3).startsWith(" = help: "), text);
    }

    private static boolean matches(Diagnostic d, Expected e) {
        return d.severity().word().equals(e.severity()) && d.code().name().equals(e.code())
                && d.span().line() == e.line() && d.span().column() == e.column()
                && (e.fragment() == null || d.message().contains(e.fragment())
                    || d.hints().stream().anyMatch(h -> h.contains(e.fragment())))
                && e.notes().stream().allMatch(n -> d.notes().stream().anyMatch(note -> note.span().line() == n.line()
                    && note.span().column() == n.column() && note.message().contains(n.fragment())));
    }

    private static List<Expected> expectations(SourceFile source) {
        List<Expected> expected = new ArrayList<>();
        String[] lines = source.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            while (m.find()) {
                String marker = m.group(3);
                int occurrence = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
                int column = marker.isEmpty() ? 1 : nthIndexOf(lines[i], marker, occurrence) + 1;
                if (column == 0) {
                    throw new AssertionError("line " + (i + 1) + " has no '" + marker + "' (" + occurrence + ")");
                }
                List<ExpectedNote> notes = new ArrayList<>();
                Matcher note = NOTE.matcher(m.group(6));
                while (note.find()) {
                    notes.add(place(lines, note.group(1), note.group(2)));
                }
                expected.add(new Expected(m.group(1), m.group(2), i + 1, column, m.group(5), notes));
            }
        }
        return expected;
    }

    /** The first line whose code (the part before '#') holds the marker. */
    private static ExpectedNote place(String[] lines, String marker, String fragment) {
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].contains("#") ? lines[i].substring(0, lines[i].indexOf('#')) : lines[i];
            if (code.contains(marker)) {
                return new ExpectedNote(i + 1, code.indexOf(marker) + 1, fragment);
            }
        }
        throw new AssertionError("no line holds the note marker '" + marker + "'");
    }

    private static int nthIndexOf(String line, String marker, int n) {
        int at = -1;
        for (int k = 0; k < n; k++) {
            at = line.indexOf(marker, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    private static String rendered(Compilation compilation) {
        StringBuilder out = new StringBuilder();
        compilation.diagnostics().forEach(d -> out.append(DiagnosticRenderer.render(compilation.source(), d)));
        return out.toString();
    }
}
