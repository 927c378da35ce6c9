package dev.jbuild.cli;

import dev.jbuild.builder.frontend.ContextSource;
import dev.jbuild.builder.frontend.Frontend;
import dev.jbuild.builder.frontend.FrontendResult;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.SyntaxDump;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild parse}: the instruction graph as JSON, or BuildKit's one-line-per-instruction dump. */
final class ParseCommand implements CliCommand {

    enum Format { json, dump }

    static CommandSpec spec() {
        CommandSpec spec = Commands.command("parse",
                "Parse a Dockerfile and print its instruction graph.",
                "json: stages, arguments, dependencies and every instruction with its position (schema: docs/parse-json.md).",
                "dump: BuildKit's parser dump, one (instruction [flags] args...) line each.");
        DockerfileOptions.addTo(spec);
        spec.addOption(Args.value(Format.class, Converters.oneOf(Format.values()), "FORMAT", "--format")
                .defaultValue("json").description("Output format: json, dump (default: json).").build());
        spec.addPositional(Args.files(Args.optional(0, "CONTEXT"))
                .description("Build context directory, where the default Dockerfile is looked for (default: .).").build());
        return spec;
    }

    private final DockerfileOptions dockerfile;
    private final Format format;
    private final Path contextDir;

    ParseCommand(ParsedArgs args) {
        this.dockerfile = new DockerfileOptions(args);
        this.format = args.value("--format");
        String context = args.positional(0);
        this.contextDir = context == null ? null : Path.of(context);
    }

    @Override
    public int call(Context context) {
        ContextSource source = contextDir == null ? new ContextSource.None(null) : new ContextSource.Directory(contextDir);
        try (FrontendResult front = Frontend.read(dockerfile.request(context, source))) {
            InstructionGraph graph = front.graph();
            if (format == Format.dump) {
                context.out().print(SyntaxDump.dump(graph.syntax()));
            } else {
                context.out().println(GraphJson.write(graph.requireValid()));
            }
        }
        return ExitCode.OK;
    }
}
