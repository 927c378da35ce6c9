package dev.jbuild.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Go text/template, as {@code docker inspect -f}, {@code docker images --format} and
 * {@code docker history --format} evaluate it over Docker's data (here the same data as JSON trees).
 * Errors are one line with the line and column of the action: {@code 1:8: executing at <.Foo>: ...}.
 */
public final class GoTemplate {
    /**
     * How deep {@code {{template}}} calls may nest. Go allows 100 000; a JVM thread's stack holds fewer, and
     * only a template that calls itself without end comes near either.
     */
    static final int MAX_DEPTH = 1_000;

    private final List<Node> nodes;
    private final Map<String, List<Node>> definitions;

    private GoTemplate(TemplateParser.Parsed parsed) {
        this.nodes = parsed.main();
        this.definitions = parsed.definitions();
    }

    /** @throws TemplateException when the text is not a template */
    public static GoTemplate parse(String text) {
        return new GoTemplate(TemplateParser.parse(text));
    }

    /** The output for {@code data} (what {@code .} is at the start). */
    public String execute(JsonNode data) {
        return execute(data, Map.of());
    }

    /**
     * The output for {@code data}, where a field that {@code data} lacks but that the Go type behind it
     * has reads as that type's zero value: {@code zeroValues} maps such field names to it (an empty list
     * for a slice, which prints {@code []}; {@code ""} for a string). Any other missing field is
     * {@code <no value>}, as in a Go map.
     */
    public String execute(JsonNode data, Map<String, JsonNode> zeroValues) {
        StringBuilder out = new StringBuilder();
        new Execution(data, zeroValues, definitions).run(nodes, data, out);
        return out.toString();
    }

    /** A break or continue on its way to its range. */
    private static final class LoopControl extends RuntimeException {
        final boolean isBreak;

        LoopControl(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final class Execution {
        /** What {@code $} is: the data, or inside a named template the value it was called with. */
        private JsonNode root;
        private final Map<String, JsonNode> zeroValues;
        private final Map<String, List<Node>> definitions;
        /** Variables in scope, innermost last: name, value. */
        private List<String> names = new ArrayList<>();
        private List<JsonNode> values = new ArrayList<>();
        private int depth;

        Execution(JsonNode root, Map<String, JsonNode> zeroValues, Map<String, List<Node>> definitions) {
            this.root = root;
            this.zeroValues = zeroValues;
            this.definitions = definitions;
        }

        void run(List<Node> list, JsonNode dot, StringBuilder out) {
            int mark = names.size();
            try {
                for (Node node : list) {
                    run(node, dot, out);
                }
            } finally {
                truncate(mark);
            }
        }

        private void run(Node node, JsonNode dot, StringBuilder out) {
            if (node instanceof Node.Text text) {
                out.append(text.text());
            } else if (node instanceof Node.Action action) {
                JsonNode value = pipeline(action.pipeline(), dot);
                if (action.pipeline().variables().isEmpty()) {
                    out.append(GoValues.print(value));
                }
            } else if (node instanceof Node.If when) {
                int mark = names.size();
                boolean truth = GoValues.truth(pipeline(when.condition(), dot));
                run(truth ? when.then() : when.otherwise(), dot, out);
                truncate(mark);
            } else if (node instanceof Node.With with) {
                int mark = names.size();
                JsonNode value = pipeline(with.value(), dot);
                if (GoValues.truth(value)) {
                    run(with.then(), value, out);
                } else {
                    run(with.otherwise(), dot, out);
                }
                truncate(mark);
            } else if (node instanceof Node.Range range) {
                range(range, dot, out);
            } else if (node instanceof Node.Template template) {
                template(template, dot, out);
            } else if (node instanceof Node.Break) {
                throw new LoopControl(true);
            } else if (node instanceof Node.Continue) {
                throw new LoopControl(false);
            }
        }

        private void range(Node.Range range, JsonNode dot, StringBuilder out) {
            int mark = names.size();
            JsonNode value = pipeline(new Node.Pipeline(range.value().column(), List.of(), false,
                    range.value().commands()), dot);
            List<JsonNode> keys = new ArrayList<>();
            List<JsonNode> elements = new ArrayList<>();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    keys.add(LongNode.valueOf(i));
                    elements.add(value.get(i));
                }
            } else if (value.isObject()) {
                for (String key : GoValues.sortedKeys(value)) {
                    keys.add(TextNode.valueOf(key));
                    elements.add(value.get(key));
                }
            } else if (value.isIntegralNumber()) {
                for (long i = 0; i < value.longValue(); i++) {
                    keys.add(LongNode.valueOf(i));
                    elements.add(LongNode.valueOf(i));
                }
            } else if (!value.isNull() && !value.isMissingNode()) {
                throw error(range.column(), "range can't iterate over " + GoValues.print(value));
            }
            if (elements.isEmpty()) {
                run(range.otherwise(), dot, out);
                truncate(mark);
                return;
            }
            for (int i = 0; i < elements.size(); i++) {
                int inner = names.size();
                List<String> variables = range.variables();
                if (variables.size() == 1) {
                    declare(variables.get(0), elements.get(i));
                } else if (variables.size() == 2) {
                    declare(variables.get(0), keys.get(i));
                    declare(variables.get(1), elements.get(i));
                }
                try {
                    run(range.body(), elements.get(i), out);
                } catch (LoopControl control) {
                    if (control.isBreak) {
                        truncate(inner);
                        break;
                    }
                } finally {
                    truncate(inner);
                }
            }
            truncate(mark);
        }

        /**
         * As Go runs {@code {{template "name" pipeline}}}: the named template with dot (and {@code $}) set to
         * the pipeline's value, or no value without one, and none of the caller's variables in scope.
         */
        private void template(Node.Template template, JsonNode dot, StringBuilder out) {
            List<Node> body = definitions.get(template.name());
            String at = "executing at <{{template \"" + template.name() + "\"}}>: ";
            if (body == null) {
                throw error(template.column(), at + "template \"" + template.name() + "\" not defined");
            }
            if (depth >= MAX_DEPTH) {
                throw error(template.column(), at + "exceeded maximum template depth (" + MAX_DEPTH + ")");
            }
            JsonNode value = template.argument() == null ? MissingNode.getInstance() : pipeline(template.argument(), dot);
            JsonNode callerRoot = root;
            List<String> callerNames = names;
            List<JsonNode> callerValues = values;
            root = value;
            names = new ArrayList<>();
            values = new ArrayList<>();
            depth++;
            try {
                run(body, value, out);
            } finally {
                depth--;
                root = callerRoot;
                names = callerNames;
                values = callerValues;
            }
        }

        private JsonNode pipeline(Node.Pipeline pipeline, JsonNode dot) {
            JsonNode value = null;
            for (Node.Command command : pipeline.commands()) {
                value = command(command, dot, value);
            }
            for (String variable : pipeline.variables()) {
                if (pipeline.assign()) {
                    assign(variable, value, pipeline.column());
                } else {
                    declare(variable, value);
                }
            }
            return value;
        }

        /** A command; {@code piped} is the previous command's result, passed as the last argument. */
        private JsonNode command(Node.Command command, JsonNode dot, JsonNode piped) {
            Node.Operand first = command.operands().get(0);
            if (first instanceof Node.Function function) {
                List<JsonNode> args = new ArrayList<>();
                for (Node.Operand operand : command.operands().subList(1, command.operands().size())) {
                    args.add(operand(operand, dot));
                }
                if (piped != null) {
                    args.add(piped);
                }
                try {
                    return TemplateFunctions.call(function.name(), args);
                } catch (TemplateException e) {
                    throw error(function.column(), "executing at <" + function.name() + ">: " + e.getMessage());
                }
            }
            if (command.operands().size() > 1 || piped != null) {
                throw error(first.column(), "can't give argument to non-function " + describe(first));
            }
            return operand(first, dot);
        }

        private JsonNode operand(Node.Operand operand, JsonNode dot) {
            try {
                if (operand instanceof Node.Field field) {
                    return fields(dot, field.names());
                }
                if (operand instanceof Node.Variable variable) {
                    return fields(lookup(variable.name(), variable.column()), variable.fields());
                }
                if (operand instanceof Node.Literal literal) {
                    return literal.value();
                }
                if (operand instanceof Node.Group group) {
                    return fields(pipeline(group.pipeline(), dot), group.fields());
                }
                Node.Function function = (Node.Function) operand;
                return TemplateFunctions.call(function.name(), List.of());
            } catch (TemplateException e) {
                if (e.getMessage().matches("\\d+:\\d+: .*")) {
                    throw e;
                }
                throw error(operand.column(), "executing at <" + describe(operand) + ">: " + e.getMessage());
            }
        }

        private JsonNode fields(JsonNode value, List<String> names) {
            JsonNode current = value;
            for (String name : names) {
                JsonNode parent = current;
                current = GoValues.field(current, name);
                if (current.isMissingNode() && parent.isObject() && zeroValues.containsKey(name)) {
                    current = zeroValues.get(name);
                }
            }
            return current;
        }

        private JsonNode lookup(String name, int column) {
            if (name.equals("$")) {
                return root;
            }
            for (int i = names.size() - 1; i >= 0; i--) {
                if (names.get(i).equals(name)) {
                    return values.get(i);
                }
            }
            throw error(column, "undefined variable: " + name);
        }

        private void declare(String name, JsonNode value) {
            names.add(name);
            values.add(value);
        }

        private void assign(String name, JsonNode value, int column) {
            for (int i = names.size() - 1; i >= 0; i--) {
                if (names.get(i).equals(name)) {
                    values.set(i, value);
                    return;
                }
            }
            throw error(column, "undefined variable: " + name);
        }

        private void truncate(int size) {
            while (names.size() > size) {
                names.remove(names.size() - 1);
                values.remove(values.size() - 1);
            }
        }

        private static String describe(Node.Operand operand) {
            if (operand instanceof Node.Field field) {
                return field.names().isEmpty() ? "." : "." + String.join(".", field.names());
            }
            if (operand instanceof Node.Variable variable) {
                return variable.name() + (variable.fields().isEmpty() ? "" : "." + String.join(".", variable.fields()));
            }
            if (operand instanceof Node.Function function) {
                return function.name();
            }
            return operand instanceof Node.Literal literal ? GoValues.print(literal.value()) : "(...)";
        }

        private static TemplateException error(int column, String message) {
            return new TemplateException(TemplateParser.position(column) + ": " + message);
        }
    }
}
