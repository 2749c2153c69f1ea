package cnnc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A buffered UTF-8 writer on a byte stream: the process's standard output and error, and the files {@code -o}
 * writes. The JDK's {@code BufferedWriter} over an {@code OutputStreamWriter} copies every character into a
 * {@code char[]} (a Latin-1 string is widened to two bytes a character first) and encodes them again one by one,
 * loops that the launcher's C1-only JVM does not compile to the vector code C2 would: a fifth of the CPU of a
 * 17 MB JSON report (docs/speed.md, seventh pass). Here a string becomes its bytes by {@link String#getBytes},
 * which for text in ASCII is a copy of the string's own bytes.
 *
 * <p>What it writes is what {@code OutputStreamWriter} writes: UTF-8, a lone surrogate as {@code ?}. A surrogate
 * pair split between two writes is joined (the high half waits for the next write); one still waiting when the
 * writer is closed is written as {@code ?}.
 */
final class Utf8Writer extends Writer {
    /** Characters encoded at a time from a long string, so that it is never one array of bytes. */
    private static final int PIECE = 1 << 15;
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int count;
    /** A high surrogate that ended the last write, waiting for its low half; 0 when there is none. */
    private char high;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] characters, int offset, int length) throws IOException {
        write(new String(characters, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        int end = offset + length;
        for (int from = offset; from < end; ) {
            int to = Math.min(end, from + PIECE);
            if (to < end && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--; // a pair stays in one piece
            }
            piece(from == 0 && to == text.length() ? text : text.substring(from, to));
            from = to;
        }
    }

    private void piece(String text) throws IOException {
        if (high != 0) {
            text = high + text;
            high = 0;
        }
        if (text.isEmpty()) {
            return;
        }
        char last = text.charAt(text.length() - 1);
        if (Character.isHighSurrogate(last)) {
            high = last;
            text = text.substring(0, text.length() - 1);
        }
        put(text.getBytes(StandardCharsets.UTF_8));
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length - count) {
            drain();
        }
        if (bytes.length >= buffer.length) {
            out.write(bytes);
        } else {
            System.arraycopy(bytes, 0, buffer, count, bytes.length);
            count += bytes.length;
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (high != 0) {
                high = 0;
                put(new byte[] {'?'});
            }
            flush();
        } finally {
            out.close();
        }
    }
}
