package cnnc.parse;

import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import cnnc.source.SourceFile;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The lexer rules of {@code grammar/Cnn.g4}, written out by hand for start-up: the tokens of the lexer ANTLR
 * generates from them ({@link CnnLexer}), with the same types, channels, offsets, lines, columns and text, as
 * {@code TokenScannerTest} checks on every sample and on random text. Starting that lexer in a fresh JVM
 * (deserialising its ATN, then building its DFA from the first characters it meets) took about 15 ms of
 * ResNet50's 200 ms report, the longest single step of a short run; this takes well under 1.
 *
 * <p>The rules, in the grammar's order, with ANTLR's choice: the longest match, and of equally long ones the
 * rule written first (so {@code conv} is CONV, not WORD, {@code x2} is REPEAT, {@code x2a} a WORD). Offsets and
 * columns count code points, and only {@code \n} starts a line, as in ANTLR's lexer. The keywords are read from
 * the grammar's vocabulary, so a new keyword needs nothing here; any other change to the grammar's lexer rules
 * is a change here too, and the test says where they part.
 */
final class TokenScanner {
    private TokenScanner() {
    }

    /** The tokens of {@code text}, the skipped ones left out, ending with EOF, as the parser's token stream. */
    static ScannedTokens scan(String text, String sourceName) {
        return scan(new SourceFile(sourceName, text));
    }

    /** The tokens of a description, the skipped ones left out, ending with EOF, as the parser's token stream. */
    static ScannedTokens scan(SourceFile file) {
        CharStream input = new SourceChars(file); // what each token's text is read from
        int[] points = codePoints(file.text());
        Token[] tokens = new Token[points.length / 3 + 2];
        int count = 0;
        Source source = new Source(input);
        Pair<TokenSource, CharStream> origin = new Pair<>(source, input);
        Words words = new Words();
        int line = 1;
        int column = 0;
        int n = points.length;
        for (int start = 0; start < n; ) {
            int c = points[start];
            int end = start + 1;
            int type;
            String wordText = null; // a word's, which its token keeps
            int channel = Token.DEFAULT_CHANNEL;
            if (c == ' ' || c == '\t' || c == '\f' || c == 0xFEFF) {
                while (end < n && (points[end] == ' ' || points[end] == '\t' || points[end] == '\f' || points[end] == 0xFEFF)) {
                    end++;
                }
                type = Token.INVALID_TYPE; // SPACE: skipped
            } else if (isDigit(c)) {
                end = digits(points, start);
                if (end + 1 < n && points[end] == 'x' && isDigit(points[end + 1])) {
                    while (end + 1 < n && points[end] == 'x' && isDigit(points[end + 1])) {
                        end = digits(points, end + 1);
                    }
                    type = CnnLexer.DIMS;
                } else if (end < n && points[end] == '.') {
                    end = digits(points, end + 1);
                    type = CnnLexer.DECIMAL;
                } else {
                    type = CnnLexer.INT;
                }
            } else if (c == '.') {
                if (end < n && isDigit(points[end])) {
                    end = digits(points, end);
                    type = CnnLexer.DECIMAL;
                } else {
                    type = CnnLexer.UNEXPECTED_CHAR;
                }
            } else if (c == 'x') {
                int word = wordEnd(points, start);
                if (end < n && points[end] == '(') {
                    end++;
                    type = CnnLexer.XPAREN;
                } else if (end < n && isDigit(points[end])) {
                    int repeat = digits(points, end);
                    end = Math.max(repeat, word);
                    wordText = word > repeat ? words.of(points, start, word) : null;
                    type = word > repeat ? wordType(wordText) : CnnLexer.REPEAT;
                } else {
                    end = word;
                    wordText = word == start + 1 ? null : words.of(points, start, word);
                    type = word == start + 1 ? CnnLexer.X : wordType(wordText);
                }
            } else if (c == 'i' && start + 3 < n && points[start + 1] == 'n' && points[start + 2] == '.'
                    && (points[start + 3] == 'h' || points[start + 3] == 'w' || points[start + 3] == 'c')) {
                end = start + 4;
                type = CnnLexer.INDIM;
            } else if (isWordStart(c)) {
                end = wordEnd(points, start);
                wordText = words.of(points, start, end);
                type = wordType(wordText);
            } else if (c == '"') {
                int close = stringEnd(points, start);
                end = close < 0 ? start + 1 : close;
                type = close < 0 ? CnnLexer.UNEXPECTED_CHAR : CnnLexer.STRING;
            } else if (c == '\r') {
                if (end < n && points[end] == '\n') {
                    end++;
                }
                type = CnnLexer.NEWLINE;
            } else if (c == '\n') {
                type = CnnLexer.NEWLINE;
            } else if (c == '#') {
                while (end < n && points[end] != '\r' && points[end] != '\n') {
                    end++;
                }
                type = CnnLexer.COMMENT;
                channel = Token.HIDDEN_CHANNEL;
            } else if (c == '=') {
                if (end < n && points[end] == '>') {
                    end++;
                    type = CnnLexer.ARROW;
                } else {
                    type = CnnLexer.EQUALS;
                }
            } else if (c == '-' && end < n && points[end] == '>') {
                end++;
                type = CnnLexer.RARROW;
            } else {
                type = symbol(c);
            }
            if (type != Token.INVALID_TYPE) {
                CommonToken token = new CommonToken(origin, type, channel, start, end - 1);
                token.setLine(line);
                token.setCharPositionInLine(column);
                token.setText(wordText);
                token.setTokenIndex(count);
                if (count == tokens.length) {
                    tokens = Arrays.copyOf(tokens, count * 2);
                }
                tokens[count++] = token;
            }
            // only a new line holds a \n, at its end (a lone \r is a new line the lexer counts as a column)
            if (points[end - 1] == '\n') {
                line++;
                column = 0;
            } else {
                column += end - start;
            }
            start = end;
        }
        CommonToken eof = new CommonToken(origin, Token.EOF, Token.DEFAULT_CHANNEL, n, n - 1);
        eof.setLine(line);
        eof.setCharPositionInLine(column);
        eof.setTokenIndex(count);
        tokens = Arrays.copyOf(tokens, count + 1);
        tokens[count] = eof;
        return new ScannedTokens(source, tokens);
    }

    /**
     * Where the tokens came from, which is all the parser asks of it once it has them (the text's stream, for the
     * tokens it makes up while recovering). It holds none of them: every token keeps its source, which would
     * otherwise keep the tokens of a whole description as long as any one of them.
     */
    private static final class Source implements TokenSource {
        private final CharStream input;
        private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;

        Source(CharStream input) {
            this.input = input;
        }

        @Override
        public Token nextToken() {
            throw new IllegalStateException("the scanned tokens are the stream's from the start");
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getCharPositionInLine() {
            return -1;
        }

        @Override
        public CharStream getInputStream() {
            return input;
        }

        @Override
        public String getSourceName() {
            return input.getSourceName();
        }

        @Override
        public void setTokenFactory(TokenFactory<?> factory) {
            this.factory = factory;
        }

        @Override
        public TokenFactory<?> getTokenFactory() {
            return factory;
        }
    }

    /**
     * The code points of {@code text}. Where each char is one (always in a text of Latin-1 only, which says so
     * without a look at its chars), they are copied a chunk at a time rather than read one by one.
     */
    private static int[] codePoints(String text) {
        int length = text.length();
        if (text.codePointCount(0, length) != length) {
            return text.codePoints().toArray();
        }
        int[] points = new int[length];
        char[] chunk = new char[Math.min(length, 8192)];
        for (int from = 0; from < length; from += chunk.length) {
            int to = Math.min(length, from + chunk.length);
            text.getChars(from, to, chunk, 0);
            for (int i = from; i < to; i++) {
                points[i] = chunk[i - from];
            }
        }
        return points;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** The end of the digits from {@code at} (which may be none). */
    private static int digits(int[] points, int at) {
        int end = at;
        while (end < points.length && isDigit(points[end])) {
            end++;
        }
        return end;
    }

    /** WORD: {@code [a-zA-Z_] [a-zA-Z0-9_]*} from {@code start}, whose first character is a word start. */
    private static int wordEnd(int[] points, int start) {
        int end = start + 1;
        while (end < points.length && (isWordStart(points[end]) || isDigit(points[end]))) {
            end++;
        }
        return end;
    }

    /** STRING: {@code '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'}: the end after its closing quote, or -1 if it has none. */
    private static int stringEnd(int[] points, int start) {
        int i = start + 1;
        while (i < points.length) {
            int c = points[i];
            if (c == '"') {
                return i + 1;
            } else if (c == '\r' || c == '\n') {
                return -1;
            } else if (c == '\\') {
                if (i + 1 >= points.length || points[i + 1] == '\r' || points[i + 1] == '\n') {
                    return -1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * The texts of one description's words, which their tokens keep: the scanner needs a word's text to tell a
     * keyword, and the builder reads it several times (a name, its spelling in a message), which the token would
     * make anew each time. Each word is made once however often it is written (a name is used again and again,
     * as are layer words): it is looked up by its code points, so that a word met before makes nothing.
     */
    private static final class Words {
        /**
         * How far a word is looked for: words whose hashes collide (any number can be made) would otherwise
         * crowd into one run that every later word walks. Past it a word is made as if never met.
         */
        private static final int MAX_PROBES = 16;

        private String[] table = new String[256]; // open addressing, at most half full
        private int count;

        String of(int[] points, int start, int end) {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + points[i]; // String's hash: a word's characters are ASCII
            }
            int slot = slot(hash);
            for (int probe = 0; table[slot] != null; probe++) {
                String word = table[slot];
                if (word.hashCode() == hash && word.length() == end - start && same(word, points, start)) {
                    return word;
                }
                if (probe == MAX_PROBES) {
                    return new String(points, start, end - start); // a crowded run: made again each time
                }
                slot = (slot + 1) & (table.length - 1);
            }
            String word = new String(points, start, end - start);
            table[slot] = word;
            if (++count * 2 > table.length) {
                grow();
            }
            return word;
        }

        private int slot(int hash) {
            return (hash ^ (hash >>> 16)) & (table.length - 1);
        }

        private static boolean same(String word, int[] points, int start) {
            for (int i = 0; i < word.length(); i++) {
                if (word.charAt(i) != points[start + i]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            for (String word : old) {
                if (word != null) {
                    int slot = slot(word.hashCode());
                    while (table[slot] != null) {
                        slot = (slot + 1) & (table.length - 1);
                    }
                    table[slot] = word;
                }
            }
        }
    }

    /** The token of a word as the grammar reads it: its keyword's ({@code conv} is CONV), else WORD. */
    static int wordType(String word) {
        Integer type = KEYWORDS.get(word);
        return type != null ? type : CnnLexer.WORD;
    }

    /**
     * The grammar's keywords, each literal of its vocabulary that is a word ({@code 'conv'}, {@code 'as'}),
     * by its text. The parser's vocabulary is the lexer's, and the parser's class is loaded for the parse
     * anyway (the lexer's would deserialise its ATN, the start-up this class saves).
     */
    private static final Map<String, Integer> KEYWORDS = keywords();

    private static Map<String, Integer> keywords() {
        Map<String, Integer> keywords = new HashMap<>();
        Vocabulary vocabulary = CnnParser.VOCABULARY;
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            String literal = vocabulary.getLiteralName(type);
            String word = literal == null ? "" : literal.substring(1, literal.length() - 1);
            int[] points = word.codePoints().toArray();
            if (!word.isEmpty() && isWordStart(points[0]) && wordEnd(points, 0) == points.length) {
                keywords.put(word, type);
            }
        }
        return keywords;
    }

    /** The one-character tokens, and UNEXPECTED_CHAR for any other character. */
    private static int symbol(int c) {
        return switch (c) {
            case ';' -> CnnLexer.SEMI;
            case '@' -> CnnLexer.AT;
            case '/' -> CnnLexer.SLASH;
            case '*' -> CnnLexer.STAR;
            case '+' -> CnnLexer.PLUS;
            case '-' -> CnnLexer.MINUS;
            case '%' -> CnnLexer.PERCENT;
            case '(' -> CnnLexer.LPAREN;
            case ')' -> CnnLexer.RPAREN;
            case '{' -> CnnLexer.LBRACE;
            case '}' -> CnnLexer.RBRACE;
            case '[' -> CnnLexer.LBRACK;
            case ']' -> CnnLexer.RBRACK;
            case ',' -> CnnLexer.COMMA;
            case '|' -> CnnLexer.BAR;
            default -> CnnLexer.UNEXPECTED_CHAR;
        };
    }
}
