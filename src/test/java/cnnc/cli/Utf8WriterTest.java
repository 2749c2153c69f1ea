package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The command line's writer against the JDK's: every sequence of writes gives the bytes {@code OutputStreamWriter}
 * gives (UTF-8, a lone surrogate as '?'), and a few are spelt out byte by byte from the UTF-8 tables.
 */
class Utf8WriterTest {
    private interface Writes {
        void to(Writer writer) throws IOException;
    }

    private static byte[] mine(Writes writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new Utf8Writer(bytes)) {
            writes.to(writer);
        }
        return bytes.toByteArray();
    }

    private static byte[] jdks(Writes writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            writes.to(writer);
        }
        return bytes.toByteArray();
    }

    private static void sameAsTheJdks(Writes writes) throws IOException {
        assertArrayEquals(jdks(writes), mine(writes));
    }

    @Test
    void writesUtf8AsTheTablesSpellIt() throws IOException {
        // "a" 0x61; U+00E9 (é) C3 A9; U+2192 (→) E2 86 92; U+1F600 F0 9F 98 80 (RFC 3629, section 3)
        byte[] expected = {0x61, (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x86, (byte) 0x92,
                (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        assertArrayEquals(expected, mine(writer -> writer.write("a\u00e9\u2192\ud83d\ude00")));
    }

    @Test
    void aSurrogatePairSplitBetweenWritesIsJoined() throws IOException {
        byte[] expected = {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, 0x21};
        assertArrayEquals(expected, mine(writer -> {
            writer.write("\ud83d");
            writer.write("\ude00!");
        }));
        sameAsTheJdks(writer -> {
            writer.write('\ud83d');
            writer.write(new char[] {'\ude00', 'x'}, 0, 2);
        });
    }

    @Test
    void loneSurrogatesAreQuestionMarksAsTheJdkWritesThem() throws IOException {
        for (String text : List.of("a\ude00b", "a\ud83db", "\ud83d", "x\ude00", "\ud83d\ud83d\ude00")) {
            sameAsTheJdks(writer -> writer.write(text));
        }
        sameAsTheJdks(writer -> {
            writer.write("a\ud83d");
            writer.write("b");
        });
    }

    @Test
    void longTextInEveryWayItIsWrittenIsTheJdksBytes() throws IOException {
        // longer than the writer's pieces and buffer, with a pair across each power-of-two boundary
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append("layer_").append(text.length()).append(" conv 8@3 \u2192 32x32x8 caf\u00e9 \ud83d\ude00\n");
        }
        for (int at : new int[] {(1 << 15) - 1, (1 << 16) - 1, (1 << 17) - 1}) {
            text.replace(at, at + 2, "\ud83d\ude00");
        }
        String whole = text.toString();
        List<Consumer<Writer>> ways = List.of(
                writer -> write(writer, whole, 0, whole.length()),
                writer -> {
                    for (int from = 0; from < whole.length(); from += 4099) {
                        write(writer, whole, from, Math.min(whole.length() - from, 4099));
                    }
                },
                writer -> {
                    for (int from = 0; from < whole.length(); from += 7) {
                        char[] part = whole.substring(from, Math.min(whole.length(), from + 7)).toCharArray();
                        try {
                            writer.write(part);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
        for (Consumer<Writer> way : ways) {
            sameAsTheJdks(way::accept);
        }
        assertArrayEquals(whole.getBytes(StandardCharsets.UTF_8), mine(writer -> writer.write(whole)));
    }

    private static void write(Writer writer, String text, int offset, int length) {
        try {
            writer.write(text, offset, length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
