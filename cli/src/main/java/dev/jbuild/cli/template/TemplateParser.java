package dev.jbuild.cli.template;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's text/template syntax, as far as Docker's {@code --format} templates use it: text and
 * {@code {{ }}} actions (with {@code {{-} and {@code -}}} trimming and {@code /* *}{@code /} comments),
 * pipelines with {@code |}, variables ({@code $}, {@code $x := }, {@code $x = }), fields, literals,
 * parenthesised pipelines, and {@code if}/{@code else if}/{@code with}/{@code range}/{@code else}/
 * {@code end}/{@code break}/{@code continue}, and named templates: {@code define} (at the top level
 * only, as Go allows it), {@code template} and {@code block}.
 */
final class TemplateParser {
    private final String text;
    private int pos;

    /** Tokens of the action being read. */
    private List<Token> tokens;
    private int next;

    private record Token(Kind kind, String text, int offset) {}

    private enum Kind { WORD, FIELD, VARIABLE, STRING, NUMBER, OPEN, CLOSE, PIPE, COMMA, DECLARE, ASSIGN }

    /** A block being read, and where its {@code else} branch starts. */
    private static final class Block {
        final Token keyword;
        final Node.Pipeline pipeline;
        final List<String> variables;
        /** What {@code define} and {@code block} name. */
        String name;
        final List<Node> body = new ArrayList<>();
        List<Node> otherwise;
        /** {@code else if}: a nested if that the same {@code end} closes. */
        final boolean elseIf;

        Block(Token keyword, Node.Pipeline pipeline, List<String> variables, boolean elseIf) {
            this.keyword = keyword;
            this.pipeline = pipeline;
            this.variables = variables;
            this.elseIf = elseIf;
        }

        List<Node> current() {
            return otherwise != null ? otherwise : body;
        }
    }

    /** The templates {@code define} and {@code block} name, by name. */
    private final Map<String, List<Node>> definitions = new LinkedHashMap<>();

    /** The main template and the named ones. */
    record Parsed(List<Node> main, Map<String, List<Node>> definitions) {}

    private TemplateParser(String text) {
        this.text = text;
    }

    static Parsed parse(String text) {
        TemplateParser parser = new TemplateParser(text);
        List<Node> main = parser.parseAll();
        return new Parsed(main, Map.copyOf(parser.definitions));
    }

    private List<Node> parseAll() {
        List<Node> top = new ArrayList<>();
        List<Block> open = new ArrayList<>();
        boolean trimNext = false;
        while (pos < text.length()) {
            int start = text.indexOf("{{", pos);
            String literal = text.substring(pos, start < 0 ? text.length() : start);
            if (trimNext) {
                literal = literal.stripLeading();
            }
            int end = start < 0 ? -1 : actionEnd(start);
            boolean trimBefore = start >= 0 && text.startsWith("{{- ", start);
            if (trimBefore) {
                literal = literal.stripTrailing();
            }
            if (!literal.isEmpty()) {
                target(top, open).add(new Node.Text(literal));
            }
            if (start < 0) {
                break;
            }
            boolean trimAfter = end - 4 >= contentStartOf(start, trimBefore) && text.startsWith(" -}}", end - 4);
            int contentStart = contentStartOf(start, trimBefore);
            int contentEnd = trimAfter ? end - 4 : end - 2;
            pos = end;
            trimNext = trimAfter;
            String content = text.substring(contentStart, Math.max(contentStart, contentEnd));
            if (content.strip().startsWith("/*")) {
                if (!content.strip().endsWith("*/")) {
                    throw error(contentStart, "unclosed comment");
                }
                continue;
            }
            tokens = tokenize(content, contentStart);
            next = 0;
            if (tokens.isEmpty()) {
                throw error(contentStart, "missing value for command");
            }
            action(top, open);
        }
        if (!open.isEmpty()) {
            throw error(text.length(), "unexpected EOF");
        }
        return top;
    }

    private static int contentStartOf(int start, boolean trimBefore) {
        return start + (trimBefore ? 4 : 2);
    }

    private static List<Node> target(List<Node> top, List<Block> open) {
        return open.isEmpty() ? top : open.get(open.size() - 1).current();
    }

    /** One action, whose tokens are read: a keyword changes the block structure, anything else prints. */
    private void action(List<Node> top, List<Block> open) {
        Token first = tokens.get(0);
        String word = first.kind() == Kind.WORD ? first.text() : "";
        switch (word) {
            case "if", "with", "range" -> {
                next = 1;
                List<String> variables = new ArrayList<>();
                Node.Pipeline pipeline = pipeline(variables, word.equals("range"));
                open.add(new Block(first, pipeline, variables, false));
            }
            case "else" -> {
                if (open.isEmpty() || open.get(open.size() - 1).otherwise != null) {
                    throw error(first.offset(), "unexpected {{else}}");
                }
                Block block = open.get(open.size() - 1);
                if (block.name != null) {
                    throw error(first.offset(), "unexpected {{else}} in " + block.keyword.text() + " clause");
                }
                block.otherwise = new ArrayList<>();
                if (tokens.size() > 1) {
                    Token keyword = tokens.get(1);
                    if (keyword.kind() != Kind.WORD || !(keyword.text().equals("if") || keyword.text().equals("with"))) {
                        throw error(keyword.offset(), "unexpected " + quote(keyword.text()) + " in else");
                    }
                    next = 2;
                    open.add(new Block(keyword, pipeline(new ArrayList<>(), false), List.of(), true));
                }
            }
            case "end" -> {
                expectEnd(1);
                if (open.isEmpty()) {
                    throw error(first.offset(), "unexpected {{end}}");
                }
                Block block = open.remove(open.size() - 1);
                Node node = close(block);
                if (node != null) {
                    target(top, open).add(node);
                }
                while (block.elseIf) {
                    block = open.remove(open.size() - 1);
                    node = close(block);
                    target(top, open).add(node);
                }
            }
            case "break", "continue" -> {
                expectEnd(1);
                if (open.stream().noneMatch(b -> b.keyword.text().equals("range"))) {
                    throw error(first.offset(), "{{" + word + "}} outside {{range}}");
                }
                target(top, open).add(word.equals("break") ? new Node.Break(column(first.offset()))
                        : new Node.Continue(column(first.offset())));
            }
            case "define" -> {
                if (!open.isEmpty()) {
                    throw error(first.offset(), "unexpected <define> in command");
                }
                next = 1;
                Block block = new Block(first, null, List.of(), false);
                block.name = templateName("define");
                expectEnd(next);
                open.add(block);
            }
            case "block" -> {
                next = 1;
                String name = templateName("block");
                if (next >= tokens.size()) {
                    throw error(first.offset(), "missing value for block clause");
                }
                Block block = new Block(first, pipeline(new ArrayList<>(), false), List.of(), false);
                block.name = name;
                open.add(block);
            }
            case "template" -> {
                next = 1;
                String name = templateName("template");
                Node.Pipeline argument = next < tokens.size() ? pipeline(new ArrayList<>(), false) : null;
                target(top, open).add(new Node.Template(column(first.offset()), name, argument));
            }
            default -> {
                next = 0;
                target(top, open).add(new Node.Action(column(first.offset()), pipeline(new ArrayList<>(), false)));
            }
        }
    }

    /** The node a closed block leaves where it stood; a {@code define} leaves none. */
    private Node close(Block block) {
        int column = column(block.keyword.offset());
        List<Node> otherwise = block.otherwise == null ? List.of() : block.otherwise;
        if (block.name != null) {
            define(block);
            return block.keyword.text().equals("block") ? new Node.Template(column, block.name, block.pipeline) : null;
        }
        return switch (block.keyword.text()) {
            case "if" -> new Node.If(column, block.pipeline, block.body, otherwise);
            case "with" -> new Node.With(column, block.pipeline, block.body, otherwise);
            default -> new Node.Range(column, block.variables, block.pipeline, block.body, otherwise);
        };
    }

    /**
     * As Go's parse.Tree.add: a second definition of a name is an error unless one of the two is empty
     * (an empty one never replaces the other).
     */
    private void define(Block block) {
        List<Node> existing = definitions.get(block.name);
        if (existing == null || isEmpty(existing)) {
            definitions.put(block.name, List.copyOf(block.body));
        } else if (!isEmpty(block.body)) {
            throw error(block.keyword.offset(), "template: multiple definition of template " + quote(block.name));
        }
    }

    /** Go's IsEmptyTree: nothing but white space. */
    private static boolean isEmpty(List<Node> nodes) {
        return nodes.stream().allMatch(node -> node instanceof Node.Text text && text.text().isBlank());
    }

    /** The quoted name after {@code define}, {@code template} or {@code block}. */
    private String templateName(String clause) {
        if (next >= tokens.size() || tokens.get(next).kind() != Kind.STRING) {
            Token found = next < tokens.size() ? tokens.get(next) : null;
            throw error(found == null ? text.length() : found.offset(),
                    "unexpected " + (found == null ? "end" : quote(found.text())) + " in " + clause + " clause");
        }
        return tokens.get(next++).text();
    }

    /**
     * A pipeline from the current token to the end of the action (or a closing parenthesis). With
     * {@code rangeVariables}, {@code $i, $e :=} declares two.
     */
    private Node.Pipeline pipeline(List<String> variables, boolean rangeVariables) {
        int column = next < tokens.size() ? column(tokens.get(next).offset()) : column(text.length());
        boolean assign = false;
        // $x := ...  /  $x = ...  /  $i, $e := ...
        if (next < tokens.size() && tokens.get(next).kind() == Kind.VARIABLE && !tokens.get(next).text().contains(".")) {
            int look = next + 1;
            List<String> names = new ArrayList<>(List.of(tokens.get(next).text()));
            if (rangeVariables && look + 1 < tokens.size() && tokens.get(look).kind() == Kind.COMMA
                    && tokens.get(look + 1).kind() == Kind.VARIABLE) {
                names.add(tokens.get(look + 1).text());
                look += 2;
            }
            if (look < tokens.size() && (tokens.get(look).kind() == Kind.DECLARE || tokens.get(look).kind() == Kind.ASSIGN)) {
                assign = tokens.get(look).kind() == Kind.ASSIGN;
                variables.addAll(names);
                next = look + 1;
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            commands.add(command());
            if (next < tokens.size() && tokens.get(next).kind() == Kind.PIPE) {
                next++;
                continue;
            }
            break;
        }
        return new Node.Pipeline(column, List.copyOf(variables), assign, commands);
    }

    private Node.Command command() {
        List<Node.Operand> operands = new ArrayList<>();
        int column = next < tokens.size() ? column(tokens.get(next).offset()) : column(text.length());
        while (next < tokens.size()) {
            Token token = tokens.get(next);
            if (token.kind() == Kind.PIPE || token.kind() == Kind.CLOSE) {
                break;
            }
            operands.add(operand());
        }
        if (operands.isEmpty()) {
            throw error(next < tokens.size() ? tokens.get(next).offset() : text.length(), "missing value for command");
        }
        return new Node.Command(column, operands);
    }

    private Node.Operand operand() {
        Token token = tokens.get(next++);
        int column = column(token.offset());
        switch (token.kind()) {
            case FIELD:
                return new Node.Field(column, fields(token.text()));
            case VARIABLE: {
                int dot = token.text().indexOf('.');
                String name = dot < 0 ? token.text() : token.text().substring(0, dot);
                return new Node.Variable(column, name, dot < 0 ? List.of() : fields(token.text().substring(dot)));
            }
            case STRING:
                return new Node.Literal(column, TextNode.valueOf(token.text()));
            case NUMBER:
                return new Node.Literal(column, number(token));
            case OPEN: {
                Node.Pipeline inner = pipeline(new ArrayList<>(), false);
                if (next >= tokens.size() || tokens.get(next).kind() != Kind.CLOSE) {
                    throw error(token.offset(), "unclosed left paren");
                }
                Token close = tokens.get(next++);
                List<String> chain = List.of();
                if (next < tokens.size() && tokens.get(next).kind() == Kind.FIELD
                        && tokens.get(next).offset() == close.offset() + 1) {
                    chain = fields(tokens.get(next++).text());
                }
                return new Node.Group(column, inner, chain);
            }
            case WORD:
                return switch (token.text()) {
                    case "true" -> new Node.Literal(column, BooleanNode.TRUE);
                    case "false" -> new Node.Literal(column, BooleanNode.FALSE);
                    case "nil" -> new Node.Literal(column, NullNode.instance);
                    default -> {
                        if (!TemplateFunctions.exists(token.text())) {
                            throw error(token.offset(), "function " + quote(token.text()) + " not defined");
                        }
                        yield new Node.Function(column, token.text());
                    }
                };
            default:
                throw error(token.offset(), "unexpected " + quote(token.text()) + " in operand");
        }
    }

    /** {@code .A.B} → [A, B]; {@code .} → []. */
    private static List<String> fields(String chain) {
        List<String> names = new ArrayList<>();
        for (String part : chain.split("\\.", -1)) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        return names;
    }

    private com.fasterxml.jackson.databind.JsonNode number(Token token) {
        String digits = token.text().replace("_", "");
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return LongNode.valueOf(Long.parseLong(digits.substring(2), 16));
            }
            if (digits.contains(".") || digits.contains("e") || digits.contains("E")) {
                return DoubleNode.valueOf(Double.parseDouble(digits));
            }
            return LongNode.valueOf(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            throw error(token.offset(), "bad number syntax: " + quote(token.text()));
        }
    }

    /** The offset just past the {@code }}} that closes the action at {@code start}; quotes may hold braces. */
    private int actionEnd(int start) {
        int i = start + 2;
        char quote = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`' || c == '\'') {
                quote = c;
            } else if (text.startsWith("}}", i)) {
                return i + 2;
            }
            i++;
        }
        throw error(start, "unclosed action");
    }

    private List<Token> tokenize(String content, int base) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            int offset = base + i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|' || c == ',') {
                Kind kind = c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : c == '|' ? Kind.PIPE : Kind.COMMA;
                out.add(new Token(kind, String.valueOf(c), offset));
                i++;
            } else if (content.startsWith(":=", i)) {
                out.add(new Token(Kind.DECLARE, ":=", offset));
                i += 2;
            } else if (c == '=') {
                out.add(new Token(Kind.ASSIGN, "=", offset));
                i++;
            } else if (c == '"' || c == '`') {
                int end = stringEnd(content, i, base);
                String raw = content.substring(i + 1, end);
                out.add(new Token(Kind.STRING, c == '`' ? raw : unescape(raw, offset), offset));
                i = end + 1;
            } else if (c == '\'') {
                int end = stringEnd(content, i, base);
                String character = unescape(content.substring(i + 1, end), offset);
                out.add(new Token(Kind.NUMBER, Integer.toString(character.codePointAt(0)), offset));
                i = end + 1;
            } else if (c == '.' || c == '$') {
                int end = i + 1;
                while (end < content.length() && (isWordChar(content.charAt(end)) || content.charAt(end) == '.')) {
                    end++;
                }
                out.add(new Token(c == '.' ? Kind.FIELD : Kind.VARIABLE, content.substring(i, end), offset));
                i = end;
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < content.length()
                    && Character.isDigit(content.charAt(i + 1)))) {
                int end = i + 1;
                while (end < content.length() && (isWordChar(content.charAt(end)) || content.charAt(end) == '.'
                        || ((content.charAt(end) == '-' || content.charAt(end) == '+')
                        && (content.charAt(end - 1) == 'e' || content.charAt(end - 1) == 'E')))) {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, content.substring(i, end), offset));
                i = end;
            } else if (isWordChar(c)) {
                int end = i;
                while (end < content.length() && isWordChar(content.charAt(end))) {
                    end++;
                }
                out.add(new Token(Kind.WORD, content.substring(i, end), offset));
                i = end;
            } else {
                throw error(offset, "unexpected " + quote(String.valueOf(c)) + " in command");
            }
        }
        return out;
    }

    private int stringEnd(String content, int start, int base) {
        char quote = content.charAt(start);
        for (int i = start + 1; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw error(base + start, "unterminated quoted string");
    }

    /** Go's escapes in interpreted strings: newline, tab, backslash, quotes, hex bytes and code points. */
    private String unescape(String raw, int offset) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'x', 'u', 'U' -> {
                    int length = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + length >= raw.length()) {
                        throw error(offset, "invalid syntax in escape");
                    }
                    out.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 1 + length), 16));
                    i += length;
                }
                default -> throw error(offset, "invalid syntax: unknown escape \\" + e);
            }
        }
        return out.toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private int column(int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return line * 100_000 + column;
    }

    private TemplateException error(int offset, String message) {
        return new TemplateException(position(column(offset)) + ": " + message);
    }

    /** Line and column as Go prints them: {@code 1:8}. */
    static String position(int encoded) {
        return (encoded / 100_000) + ":" + (encoded % 100_000);
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private void expectEnd(int count) {
        if (tokens.size() > count) {
            throw error(tokens.get(count).offset(), "unexpected " + quote(tokens.get(count).text()));
        }
    }
}
