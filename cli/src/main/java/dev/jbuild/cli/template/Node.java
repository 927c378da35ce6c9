package dev.jbuild.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The parsed template: text, actions and control structures, each with the column it starts at. */
sealed interface Node {

    record Text(String text) implements Node {}

    record Action(int column, Pipeline pipeline) implements Node {}

    record If(int column, Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

    record With(int column, Pipeline value, List<Node> then, List<Node> otherwise) implements Node {}

    /** {@code {{range $i, $e := pipeline}}}: {@code variables} are the one or two names declared, or empty. */
    record Range(int column, List<String> variables, Pipeline value, List<Node> body, List<Node> otherwise) implements Node {}

    /** {@code {{template "name" pipeline}}} (and what {@code {{block}}} leaves in place): {@code argument} is null without a pipeline. */
    record Template(int column, String name, Pipeline argument) implements Node {}

    record Break(int column) implements Node {}

    record Continue(int column) implements Node {}

    /** {@code $x := a | b c}: the declared (or assigned) variables, and the commands whose results flow left to right. */
    record Pipeline(int column, List<String> variables, boolean assign, List<Command> commands) {}

    /** One command of a pipeline: a function and its arguments, or a single operand. */
    record Command(int column, List<Operand> operands) {}

    /** What a command is made of. */
    sealed interface Operand {
        int column();
    }

    /** {@code .}, {@code .A.B}: the fields are looked up from dot, in order. */
    record Field(int column, List<String> names) implements Operand {}

    /** {@code $}, {@code $x}, {@code $x.A}. */
    record Variable(int column, String name, List<String> fields) implements Operand {}

    /** A function name: {@code json}, {@code index}. */
    record Function(int column, String name) implements Operand {}

    /** A string, number, boolean or nil. */
    record Literal(int column, JsonNode value) implements Operand {}

    /** {@code (pipeline).A.B}. */
    record Group(int column, Pipeline pipeline, List<String> fields) implements Operand {}
}
