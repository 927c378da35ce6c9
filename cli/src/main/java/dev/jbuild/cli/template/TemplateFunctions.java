package dev.jbuild.cli.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The functions a template may call: Go's builtins ({@code and or not len index slice print printf
 * println eq ne lt le gt ge html}) and those the Docker CLI adds ({@code json split join title lower
 * upper pad truncate}), with their semantics.
 */
final class TemplateFunctions {
    private static final Set<String> NAMES = Set.of("and", "or", "not", "len", "index", "slice", "print", "printf",
            "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "json", "split", "join", "title", "lower", "upper",
            "pad", "truncate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateFunctions() {}

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    static JsonNode call(String name, List<JsonNode> args) {
        return switch (name) {
            case "and" -> {
                needAtLeast(name, args, 1);
                JsonNode last = args.get(0);
                for (JsonNode arg : args) {
                    last = arg;
                    if (!GoValues.truth(arg)) {
                        break;
                    }
                }
                yield last;
            }
            case "or" -> {
                needAtLeast(name, args, 1);
                JsonNode last = args.get(0);
                for (JsonNode arg : args) {
                    last = arg;
                    if (GoValues.truth(arg)) {
                        break;
                    }
                }
                yield last;
            }
            case "not" -> {
                need(name, args, 1);
                yield BooleanNode.valueOf(!GoValues.truth(args.get(0)));
            }
            case "len" -> {
                need(name, args, 1);
                JsonNode value = args.get(0);
                if (value.isTextual()) {
                    yield LongNode.valueOf(value.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                }
                if (!value.isContainerNode()) {
                    throw new TemplateException("error calling len: len of type " + GoValues.typeName(value));
                }
                yield LongNode.valueOf(value.size());
            }
            case "index" -> index(args);
            case "slice" -> slice(args);
            case "print" -> TextNode.valueOf(sprint(args));
            case "println" -> {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    out.append(i == 0 ? "" : " ").append(GoValues.print(args.get(i)));
                }
                yield TextNode.valueOf(out.append('\n').toString());
            }
            case "printf" -> {
                needAtLeast(name, args, 1);
                yield TextNode.valueOf(GoPrintf.format(text(args.get(0)), args.subList(1, args.size())));
            }
            case "eq" -> {
                needAtLeast(name, args, 2);
                boolean any = false;
                for (JsonNode other : args.subList(1, args.size())) {
                    any |= compare(args.get(0), other, "eq") == 0;
                }
                yield BooleanNode.valueOf(any);
            }
            case "ne" -> {
                need(name, args, 2);
                yield BooleanNode.valueOf(compare(args.get(0), args.get(1), name) != 0);
            }
            case "lt" -> BooleanNode.valueOf(ordered(name, args) < 0);
            case "le" -> BooleanNode.valueOf(ordered(name, args) <= 0);
            case "gt" -> BooleanNode.valueOf(ordered(name, args) > 0);
            case "ge" -> BooleanNode.valueOf(ordered(name, args) >= 0);
            case "html" -> TextNode.valueOf(sprint(args).replace("&", "&amp;").replace("'", "&#39;")
                    .replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;"));
            case "json" -> {
                need(name, args, 1);
                yield TextNode.valueOf(json(args.get(0)));
            }
            case "split" -> {
                need(name, args, 2);
                ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                String separator = text(args.get(1));
                String value = text(args.get(0));
                if (separator.isEmpty()) {
                    value.codePoints().forEach(c -> parts.add(new String(Character.toChars(c))));
                } else {
                    for (String part : value.split(java.util.regex.Pattern.quote(separator), -1)) {
                        parts.add(part);
                    }
                }
                yield parts;
            }
            case "join" -> {
                need(name, args, 2);
                if (!args.get(0).isArray()) {
                    throw new TemplateException("error calling join: expected a list of strings, got "
                            + GoValues.typeName(args.get(0)));
                }
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < args.get(0).size(); i++) {
                    out.append(i == 0 ? "" : text(args.get(1))).append(text(args.get(0).get(i)));
                }
                yield TextNode.valueOf(out.toString());
            }
            case "title" -> {
                need(name, args, 1);
                yield TextNode.valueOf(title(text(args.get(0))));
            }
            case "lower" -> {
                need(name, args, 1);
                yield TextNode.valueOf(text(args.get(0)).toLowerCase(Locale.ROOT));
            }
            case "upper" -> {
                need(name, args, 1);
                yield TextNode.valueOf(text(args.get(0)).toUpperCase(Locale.ROOT));
            }
            case "pad" -> {
                need(name, args, 3);
                yield TextNode.valueOf(" ".repeat((int) integer(args.get(1))) + text(args.get(0))
                        + " ".repeat((int) integer(args.get(2))));
            }
            case "truncate" -> {
                need(name, args, 2);
                String value = text(args.get(0));
                int length = (int) integer(args.get(1));
                yield TextNode.valueOf(value.codePointCount(0, value.length()) <= length ? value
                        : value.substring(0, value.offsetByCodePoints(0, length)));
            }
            default -> throw new TemplateException("function \"" + name + "\" not defined");
        };
    }

    /**
     * The Docker CLI's {@code json}: Go's JSON encoder, compact, with HTML escaping turned off (so
     * {@code <}, {@code >} and {@code &} stay as they are; DockerEngineTest compares with the engine).
     */
    static String json(JsonNode value) {
        if (value.isMissingNode()) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("error calling json: " + e.getOriginalMessage());
        }
    }

    /** {@code fmt.Sprint}: a space between operands when neither is a string. */
    private static String sprint(List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !args.get(i).isTextual() && !args.get(i - 1).isTextual()) {
                out.append(' ');
            }
            out.append(GoValues.print(args.get(i)));
        }
        return out.toString();
    }

    private static JsonNode index(List<JsonNode> args) {
        needAtLeast("index", args, 1);
        JsonNode value = args.get(0);
        for (JsonNode key : args.subList(1, args.size())) {
            if (value.isMissingNode() || value.isNull()) {
                // a nil map yields its element type's zero value: for Docker's string maps (labels), ""
                return TextNode.valueOf("");
            }
            if (value.isObject()) {
                JsonNode found = value.get(text(key));
                value = found == null ? TextNode.valueOf("") : found;
            } else if (value.isArray() || value.isTextual()) {
                long i = integer(key);
                int size = value.isArray() ? value.size() : value.textValue().length();
                if (i < 0 || i >= size) {
                    throw new TemplateException("error calling index: index out of range: " + i);
                }
                value = value.isArray() ? value.get((int) i) : LongNode.valueOf(value.textValue().charAt((int) i));
            } else {
                throw new TemplateException("error calling index: can't index item of type " + GoValues.typeName(value));
            }
        }
        return value;
    }

    private static JsonNode slice(List<JsonNode> args) {
        needAtLeast("slice", args, 1);
        JsonNode value = args.get(0);
        int length = value.isTextual() ? value.textValue().length() : value.size();
        int from = args.size() > 1 ? (int) integer(args.get(1)) : 0;
        int to = args.size() > 2 ? (int) integer(args.get(2)) : length;
        if (from < 0 || to < from || to > length) {
            throw new TemplateException("error calling slice: index out of range: " + from + ":" + to);
        }
        if (value.isTextual()) {
            return TextNode.valueOf(value.textValue().substring(from, to));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = from; i < to; i++) {
            out.add(value.get(i));
        }
        return out;
    }

    private static int ordered(String name, List<JsonNode> args) {
        need(name, args, 2);
        return compare(args.get(0), args.get(1), name);
    }

    /** Basic kinds only, as Go's comparison functions: numbers with numbers, strings with strings, bools for eq. */
    private static int compare(JsonNode a, JsonNode b, String function) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a.isTextual() && b.isTextual()) {
            return Integer.signum(a.textValue().compareTo(b.textValue()));
        }
        if (a.isBoolean() && b.isBoolean() && (function.equals("eq") || function.equals("ne"))) {
            return a.booleanValue() == b.booleanValue() ? 0 : 1;
        }
        if ((a.isNull() || a.isMissingNode()) && (b.isNull() || b.isMissingNode()) && function.equals("eq")) {
            return 0;
        }
        throw new TemplateException("error calling " + function + ": incompatible types for comparison");
    }

    /** strings.Title: the first letter of each word upper-cased. */
    private static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
        }
        return out.toString();
    }

    static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : GoValues.print(value);
    }

    private static long integer(JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw new TemplateException("expected an integer, got " + GoValues.typeName(value));
        }
        return value.longValue();
    }

    private static void need(String name, List<JsonNode> args, int count) {
        if (args.size() != count) {
            throw new TemplateException("wrong number of args for " + name + ": want " + count + " got " + args.size());
        }
    }

    private static void needAtLeast(String name, List<JsonNode> args, int count) {
        if (args.size() < count) {
            throw new TemplateException("wrong number of args for " + name + ": want at least " + count + " got "
                    + args.size());
        }
    }
}
