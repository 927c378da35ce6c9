package dev.jbuild.cli;

import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.SyntaxDump;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild parse}: the instruction graph as JSON, or BuildKit's one-line-per-instruction dump. */
@Command(name = "parse", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Parse a Dockerfile and print its instruction graph.",
                "json: stages, arguments, dependencies and every instruction with its position (schema: docs/parse-json.md).",
                "dump: BuildKit's parser dump, one (instruction [flags] args...) line each."})
final class ParseCommand implements Callable<Integer> {

    enum Format { json, dump }

    @ParentCommand
    JbuildCommand parent;

    @Mixin
    DockerfileOptions dockerfile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(arity = "0..1", paramLabel = "CONTEXT", description = "Build context directory, where the default Dockerfile is looked for (default: .).")
    Path contextDir;

    @Override
    public Integer call() throws Exception {
        Context context = parent.context();
        if (format == Format.dump) {
            context.out().print(SyntaxDump.dump(dockerfile.parse(context, contextDir)));
        } else {
            InstructionGraph graph = dockerfile.graph(context, contextDir);
            context.out().println(GraphJson.write(graph));
        }
        return ExitCode.OK;
    }
}
