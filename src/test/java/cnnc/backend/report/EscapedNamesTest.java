package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.cli.Main;
import cnnc.source.SourceFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;

/**
 * A model's name is any quoted string; each report shows it as written, and none lets it act (issue 29).
 * The markdown is rendered by CommonMark's reference implementation for Java with GitHub's tables and
 * strikethrough, as a document site would: the name is text there, never a tag, emphasis, link or code.
 */
class EscapedNamesTest {
    /** HTML, every kind of markdown mark, an entity, a right-to-left override and a zero-width space. */
    private static final String NAME = "<script>alert(1)</script> *x* _y_ [a](b) `c` ~~d~~ $e$ | &amp; \u202Eevil\u200B";
    /** The name as a terminal must show it: the override and the zero-width space escaped, the rest as written. */
    private static final String SHOWN = "<script>alert(1)</script> *x* _y_ [a](b) `c` ~~d~~ $e$ | &amp; \\u{202e}evil\\u{200b}";
    private static final String TEXT = "model \"" + NAME + "\"\ninput 8\nblock star_(n) {\n  dense n*2\n}\nstar_(n=1*3)\ndense 2\n";
    private static final List<Extension> GFM = List.of(TablesExtension.create(), StrikethroughExtension.create());

    @Test
    void theMarkdownReportShowsAHostileNameAsTextAndRunsNoHtml() {
        Compilation compilation = Compiler.compile(new SourceFile("hostile.cnn", TEXT));
        assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
        for (String markdown : List.of(TextReport.markdown(compilation, Column.DEFAULT), Explanation.markdown(compilation))) {
            Node document = Parser.builder().extensions(GFM).build().parse(markdown);
            String html = HtmlRenderer.builder().extensions(GFM).build().render(document); // inline HTML passed through
            for (String element : List.of("<script", "<em>", "<strong>", "<a ", "<code>c", "<del>")) {
                assertFalse(html.contains(element), () -> element + " in\n" + html);
            }
            Heading heading = (Heading) document.getFirstChild();
            String text = TextContentRenderer.builder().build().render(heading);
            assertTrue(text.startsWith("model " + SHOWN + ": 2 layers, input 8"), text);
        }
    }

    @Test
    void aTableCellKeepsItsUnderscores() {
        Compilation compilation = Compiler.compile(new SourceFile("hostile.cnn", TEXT));
        String markdown = TextReport.markdown(compilation, Column.DEFAULT, 0);
        Node document = Parser.builder().extensions(GFM).build().parse(markdown);
        String text = TextContentRenderer.builder().extensions(GFM).build().render(document);
        assertTrue(text.contains("star_1: star_(n=3), 1 layer"), text);
    }

    @Test
    void aRightToLeftOverrideInAModelNameIsEscapedOnTheTerminal() throws Exception {
        Path folder = Files.createTempDirectory("cnnc");
        Path wrong = folder.resolve("wrong\u202E.cnn");
        Files.writeString(wrong, "model \"abc\u202Edef\"\ninput 8\ndense 1 bad # \u202E\u2066\u2028 in a comment\n",
                StandardCharsets.UTF_8);
        Path good = folder.resolve("good.cnn");
        Files.writeString(good, "model \"abc\u202Edef\"\ninput 8\ndense 2\n", StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        for (String[] command : List.of(new String[] {"check", wrong.toString()}, new String[] {"report", good.toString()},
                new String[] {"report", "--explain", good.toString()}, new String[] {"check", folder.resolve("\u202E").toString()})) {
            Main.run(command, new PrintWriter(out, true), new PrintWriter(err, true));
        }
        String printed = out + "\n" + err;
        for (int c : new int[] {0x202E, 0x2066, 0x2028}) {
            assertFalse(printed.contains(Character.toString(c)), () -> String.format("U+%04X printed:%n%s", c, printed));
        }
        assertTrue(out.toString().contains("model abc\\u{202e}def: 1 layer, input 8"), out::toString);
        assertTrue(err.toString().contains("wrong\\u{202e}.cnn:3:9: error[E0201]"), err::toString);
        assertTrue(err.toString().contains(" 3 | dense 1 bad # \\u{202e}\\u{2066}\\u{2028} in a comment"), err::toString);
        assertTrue(err.toString().contains("\\u{202e}: no such file"), err::toString);
    }

    @Test
    void aCsvCellThatASpreadsheetWouldTakeForAFormulaStartsWithAnApostrophe() {
        assertEquals("'= stage1 subtotal", CsvReport.field("= stage1 subtotal"));
        assertEquals("'+1", CsvReport.field("+1"));
        assertEquals("'-1", CsvReport.field("-1"));
        assertEquals("'@SUM(A1)", CsvReport.field("@SUM(A1)"));
        assertEquals("\"'=1,2\"", CsvReport.field("=1,2"));
        assertEquals("56x56x64 -> 56x56x256", CsvReport.field("56x56x64 -> 56x56x256"));
        Compilation compilation = Compiler.compile(new SourceFile("hostile.cnn", TEXT));
        String csv = CsvReport.render(compilation, Column.DEFAULT, Table.ALL_DEPTHS);
        assertTrue(csv.contains("\r\n,,'= star_1 subtotal,"), csv);
        assertFalse(csv.contains("evil"), "the CSV holds no model name");
    }
}
