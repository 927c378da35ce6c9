package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.DockerfileErrors;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Gives each syntax node its meaning: picks the instruction by keyword (any case), checks flags and
 * arguments as BuildKit does, and builds the typed {@link Instruction}. Every rejection is a
 * {@link DockerfileSyntaxException} at the instruction's range with BuildKit's message.
 *
 * <p>Checks that need more than one instruction (no instruction before FROM, stage references)
 * belong to the stage graph, not here.
 */
public final class InstructionParser {
    /** Every keyword, for "did you mean" suggestions; upper case as BuildKit offers them. */
    static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
            "VOLUME", "WORKDIR");

    private InstructionParser() {}

    /**
     * Every instruction of the file, in order.
     *
     * @throws DockerfileSyntaxException naming every invalid instruction (a
     *     {@link dev.jbuild.parser.syntax.DockerfileErrors} when there are several), as BuildKit would
     *     refuse the file before running anything
     */
    public static List<Instruction> parseAll(SyntaxTree tree) {
        List<DockerfileSyntaxException> errors = new ArrayList<>();
        List<Instruction> instructions = parseEach(tree, errors);
        DockerfileErrors.throwIfAny(errors);
        return instructions;
    }

    /**
     * Every valid instruction of the file, in order; each invalid one is left out and its error added
     * to {@code errors}.
     */
    public static List<Instruction> parseEach(SyntaxTree tree, List<DockerfileSyntaxException> errors) {
        List<Instruction> instructions = new ArrayList<>(tree.instructions().size());
        for (RawInstruction raw : tree.instructions()) {
            try {
                instructions.add(parse(raw, tree));
            } catch (DockerfileSyntaxException e) {
                errors.add(e);
            }
        }
        return instructions;
    }

    /** One instruction; error messages quote the file's physical line. */
    public static Instruction parse(RawInstruction raw, SyntaxTree tree) {
        return parse(raw, tree::sourceLine);
    }

    /** One instruction without its file; error messages quote the instruction's logical line. */
    public static Instruction parse(RawInstruction raw) {
        return parse(raw, line -> raw.original());
    }

    static Instruction parse(RawInstruction raw, IntFunction<String> sourceLines) {
        try {
            return dispatch(raw, sourceLines);
        } catch (InstructionException e) {
            throw new DockerfileSyntaxException(
                    e.getMessage(), raw.range(), sourceLines.apply(raw.range().startLine()), e.hint());
        }
    }

    private static Instruction dispatch(RawInstruction raw, IntFunction<String> sourceLines) {
        return switch (raw.keyword().toLowerCase(Locale.ROOT)) {
            case "from" -> StageParsers.from(raw);
            case "onbuild" -> StageParsers.onbuild(raw, sourceLines);
            case "run" -> ExecutionParsers.run(raw);
            case "cmd" -> ExecutionParsers.cmd(raw);
            case "entrypoint" -> ExecutionParsers.entrypoint(raw);
            case "shell" -> ExecutionParsers.shell(raw);
            case "healthcheck" -> HealthcheckParser.parse(raw);
            case "add" -> FileParsers.add(raw);
            case "copy" -> FileParsers.copy(raw);
            case "volume" -> FileParsers.volume(raw);
            case "workdir" -> FileParsers.workdir(raw);
            case "env" -> ConfigParsers.env(raw);
            case "label" -> ConfigParsers.label(raw);
            case "arg" -> ConfigParsers.arg(raw);
            case "user" -> ConfigParsers.user(raw);
            case "maintainer" -> ConfigParsers.maintainer(raw);
            case "expose" -> ConfigParsers.expose(raw);
            case "stopsignal" -> ConfigParsers.stopsignal(raw);
            default -> throw new InstructionException("unknown instruction: " + raw.keyword(),
                    Suggestions.hint(raw.keyword(), KEYWORDS, false));
        };
    }
}
