package cnnc.lsp;

import cnnc.diag.DiagnosticRenderer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The client's messages, read off the input as LSP frames them (headers, a blank line, then as many
 * bytes of JSON as {@code Content-Length} says), in place of LSP4J's reader, which a single bad
 * message could leave deaf for the rest of the session: it read headers out of the unread rest of a
 * message its parser gave up on. Here every message is read whole before anything looks inside it,
 * and what cannot be used is answered or dropped, with one line on standard error (the editor's log),
 * and the next message is read as usual:
 * <ul>
 * <li>content that is not UTF-8 or not JSON: JSON-RPC's ParseError (-32700), with the id {@code null};
 * <li>JSON the server does not take (not one object, nested more than {@value MessageCheck#MAX_DEPTH} deep,
 * more than {@value MessageCheck#MAX_VALUES} values, more than {@value #MAX_CONTENT} bytes, another charset)
 * or that is not a JSON-RPC message: InvalidRequest (-32600), under the request's id when it was read;
 * a notification is never answered (JSON-RPC's rule), only logged;
 * <li>bytes that are not a header where headers belong (no {@code Content-Length}, a line that is not
 * {@code Name: value}, a header line over {@value #MAX_HEADER_LINE} bytes): nothing to answer, so they
 * are skipped up to the next {@code Content-Length:}, which is where the next message starts.
 * </ul>
 */
final class MessageReader implements MessageProducer {
    static final int MAX_HEADER_LINE = 1_024;
    static final int MAX_HEADER_LINES = 32;
    /** Bytes of one message's content: a 1 MiB description, every byte escaped as JSON, is 6 MiB. */
    static final int MAX_CONTENT = 16 << 20;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private final PushbackInputStream in;
    private final MessageJsonHandler json;
    private final MessageIssueHandler answers;
    private final PrintStream log;
    /** The start of a header line that finding the next message has read already. */
    private String carried = "";

    MessageReader(InputStream in, MessageJsonHandler json, MessageIssueHandler answers, PrintStream log) {
        this.in = new PushbackInputStream(new BufferedInputStream(in), CONTENT_LENGTH.length);
        this.json = json;
        this.answers = answers;
        this.log = log;
    }

    /** Reads until the input ends or fails; every message LSP4J can take goes to {@code consumer}. */
    @Override
    public void listen(MessageConsumer consumer) {
        try {
            while (true) {
                try {
                    Frame frame = nextFrame();
                    if (frame == null || !deliver(frame, consumer)) {
                        return;
                    }
                } catch (Unframed unframed) {
                    if (!skipToNextMessage(unframed.getMessage())) {
                        return;
                    }
                }
            }
        } catch (IOException failed) {
            // the input failed as it does when the editor has gone: the end of the session
        }
    }

    /** What the headers said: the content's length and its charset (null when not given). */
    private record Frame(long length, String charset) {
    }

    /** Headers where headers belong were not there: nothing the client can be answered about. */
    private static final class Unframed extends Exception {
        Unframed(String what) {
            super(what, null, false, false);
        }
    }

    /** The next message's headers, up to the blank line after them; null when the input ends. */
    private Frame nextFrame() throws IOException, Unframed {
        long length = -1;
        String charset = null;
        int lines = 0;
        for (String line = headerLine(); line != null; line = headerLine()) {
            if (line.isEmpty()) {
                if (lines == 0) {
                    continue; // blank lines between messages
                }
                if (length < 0) {
                    throw new Unframed("headers without Content-Length");
                }
                return new Frame(length, charset);
            }
            if (++lines > MAX_HEADER_LINES) {
                throw new Unframed("more than " + MAX_HEADER_LINES + " header lines");
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!isToken(name)) {
                throw new Unframed("a header line that is not 'Name: value': '" + shown(line) + "'");
            } else if (name.equalsIgnoreCase("Content-Length")) {
                length = contentLength(value, length);
            } else if (name.equalsIgnoreCase("Content-Type")) {
                charset = charset(value);
            }
        }
        return null;
    }

    /**
     * One header line without its line break, or null at the end of the input. Bytes glued before a
     * {@code Content-Length} header (the rest of a message that was longer than it said) are dropped.
     */
    private String headerLine() throws IOException, Unframed {
        StringBuilder line = new StringBuilder(carried);
        carried = "";
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (line.length() == MAX_HEADER_LINE) {
                int header = line.toString().toLowerCase(Locale.ROOT).lastIndexOf("content-length:");
                if (header > 0) {
                    // the next message's header, glued after bytes that are not one: read on from it
                    log("dropped " + count(header) + " before a Content-Length header");
                    line.delete(0, header);
                } else {
                    // what was read last, this byte included, may be the start of the next Content-Length:
                    // search it again (the pushback gives the line's tail first, then this byte)
                    int keep = CONTENT_LENGTH.length - 1;
                    in.unread(b);
                    in.unread(line.substring(line.length() - keep).getBytes(StandardCharsets.ISO_8859_1));
                    throw new Unframed("a header line longer than " + MAX_HEADER_LINE + " bytes");
                }
            }
            line.append((char) b);
        }
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        int header = line.toString().toLowerCase(Locale.ROOT).lastIndexOf("content-length:");
        if (header > 0) {
            log("dropped " + count(header) + " before a Content-Length header");
            return line.substring(header, end);
        }
        return line.substring(0, end);
    }

    private static long contentLength(String value, long earlier) throws Unframed {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Unframed("a Content-Length that is not a count of bytes: '" + shown(value) + "'");
        }
        long length = Long.parseLong(value);
        if (earlier >= 0 && earlier != length) {
            throw new Unframed("two different Content-Length headers");
        }
        return length;
    }

    /** The charset a Content-Type names, lower case, or null when it names none. */
    private static String charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Reads past the next {@code Content-Length:} (the start of the next message); false at the end. */
    private boolean skipToNextMessage(String why) throws IOException {
        long skipped = 0;
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            skipped++;
            int lower = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
            // 'c' starts the word and appears nowhere else in it, so a failed match restarts at most here
            matched = lower == CONTENT_LENGTH[matched] ? matched + 1 : lower == CONTENT_LENGTH[0] ? 1 : 0;
            if (matched == CONTENT_LENGTH.length) {
                carried = "Content-Length:";
                log("input that is not a message (" + why + "): skipped " + count(skipped - matched)
                        + " to the next Content-Length header");
                return true;
            }
        }
        log("input that is not a message (" + why + "): skipped " + count(skipped) + " to the end of the input");
        return false;
    }

    /**
     * Reads one message's content and hands it to LSP4J, or answers (or logs) why not. False when the
     * input ends inside it.
     */
    private boolean deliver(Frame frame, MessageConsumer consumer) throws IOException {
        if (frame.length() > MAX_CONTENT) {
            if (!discard(frame.length())) {
                return false;
            }
            refuse(new MessageCheck("a message of " + count(frame.length()) + ", more than the " + count(MAX_CONTENT)
                    + " the server reads", ResponseErrorCode.InvalidRequest, null, true));
            return true;
        }
        byte[] content = in.readNBytes((int) frame.length());
        if (content.length < frame.length()) {
            return false;
        }
        if (frame.charset() != null && !frame.charset().equals("utf-8") && !frame.charset().equals("utf8")) {
            refuse(new MessageCheck("content in charset '" + shown(frame.charset()) + "': LSP's messages are UTF-8",
                    ResponseErrorCode.InvalidRequest, null, true));
            return true;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException notUtf8) {
            refuse(new MessageCheck("content that is not UTF-8", ResponseErrorCode.ParseError, null, true));
            return true;
        }
        pass(text, consumer);
        return true;
    }

    private void pass(String text, MessageConsumer consumer) {
        MessageCheck check = MessageCheck.of(text);
        if (!check.passed()) {
            refuse(check);
            return;
        }
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException issue) {
            // LSP4J read the message but found it wrong; it answers that itself, as its own reader would
            answers.handle(issue.getRpcMessage(), issue.getIssues());
            return;
        } catch (RuntimeException notAMessage) {
            refuse(new MessageCheck("JSON that is not a JSON-RPC message: " + MessageCheck.firstLine(notAMessage.getMessage()),
                    ResponseErrorCode.InvalidRequest, check.id(), check.request()));
            return;
        }
        try {
            consumer.consume(message);
        } catch (RuntimeException failure) {
            Server.log("a message failed", failure);
        }
    }

    /**
     * Reads and drops {@code length} bytes; false when the input ends first. Read, not skipped:
     * skipping a pipe (standard input) fails in Java, as it seeks.
     */
    private boolean discard(long length) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (long left = length; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return false;
            }
            left -= read;
        }
        return true;
    }

    /** One line in the log; and, for what may be a request, JSON-RPC's error under its id (or null). */
    private void refuse(MessageCheck check) {
        log("refused a message: " + check.problem() + (check.request() ? "; answered with error "
                + check.code().getValue() + (check.id() == null ? "" : " to request " + idText(check.id())) : ""));
        if (check.request()) {
            RequestMessage request = new RequestMessage();
            request.setRawId(check.id());
            answers.handle(request, List.of(new MessageIssue(check.problem(), check.code().getValue())));
        }
    }

    private void log(String line) {
        log.println("cnnc lsp: " + line);
        log.flush();
    }

    private static String idText(Either<String, Number> id) {
        return id.isLeft() ? "'" + shown(id.getLeft()) + "'" : id.getRight().toString();
    }

    /** HTTP's token characters: a header's name. */
    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    /** Text from the input as a log line may show it: short, every control character escaped. */
    private static String shown(String text) {
        return DiagnosticRenderer.printable(text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }

    private static String count(long bytes) {
        return String.format(Locale.ROOT, "%,d %s", bytes, bytes == 1 ? "byte" : "bytes");
    }
}
