package dev.jbuild.cli;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.SyntaxDump;
import java.nio.file.Path;

/** {@code jbuild parse}: the instruction graph as JSON, or BuildKit's one-line-per-instruction dump. */
final class ParseCommand implements CliCommand {

    enum Format { json, dump }

    static final OptionSpec<Format> FORMAT = OptionSpec.single(Converters.oneOf(Format.values()), "--format")
            .withLabel("FORMAT").withDefault(Format.json)
            .withDescription("Output format: json, dump (default: json).");
    static final PositionalSpec CONTEXT = PositionalSpec.optional("CONTEXT")
            .withDescription("Build context directory, where the default Dockerfile is looked for (default: .).");

    static final CommandSpec SPEC = CommandSpec.of("parse",
                    "Parse a Dockerfile and print its instruction graph.",
                    "json: stages, arguments, dependencies and every instruction with its position (schema: docs/parse-json.md).",
                    "dump: BuildKit's parser dump, one (instruction [flags] args...) line each.")
            .withOptions(DockerfileOptions.OPTIONS).withOptions(FORMAT)
            .withPositionals(CONTEXT);

    private final DockerfileOptions dockerfile;
    private final Format format;
    private final Path contextDir;

    ParseCommand(ParsedArgs args) {
        this.dockerfile = new DockerfileOptions(args);
        this.format = args.value(FORMAT);
        String context = args.positional(CONTEXT);
        this.contextDir = context == null ? null : Path.of(context);
    }

    @Override
    public int call(Context context) {
        if (format == Format.dump) {
            context.out().print(SyntaxDump.dump(dockerfile.parse(context, contextDir)));
        } else {
            InstructionGraph graph = dockerfile.graph(context, contextDir);
            context.out().println(GraphJson.write(graph));
        }
        return ExitCode.OK;
    }
}
