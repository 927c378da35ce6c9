package dev.jbuild.cli;

import dev.jbuild.cli.lint.PreBuildCheck;
import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.ignore.IgnoreFiles;
import dev.jbuild.parser.graph.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jbuild build} (also what {@code jbuild [OPTIONS] CONTEXT} means). The front half is real: the
 * Dockerfile is read, parsed, resolved against the build arguments and pruned to the target, so every
 * Dockerfile error is reported exactly as a build will report it. Running the stages needs the store and
 * the executor, which are not part of this version; until then the command says so and fails.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an image from a Dockerfile and a context directory.")
final class BuildCommand implements Callable<Integer> {

    @ParentCommand
    JbuildCommand parent;

    @Mixin
    DockerfileOptions dockerfile;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name (and tag) for the image; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--no-cache", description = "Do not use the build cache.")
    boolean noCache;

    @Option(names = "--no-cache-filter", paramLabel = "STAGE", description = "Do not use the cache for these stages.")
    List<String> noCacheFilter = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set an image label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "Progress output: auto, tty, plain, quiet or json.")
    String progress;

    @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image ID to FILE.")
    String iidFile;

    @Option(names = "--network", paramLabel = "MODE", defaultValue = "default", description = "Network for RUN steps: default, host or none.")
    String network;

    @Option(names = "--secret", paramLabel = "id=ID,src=FILE|env=VAR", description = "Expose a secret to RUN --mount=type=secret.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "default", description = "Forward the SSH agent to RUN --mount=type=ssh.")
    List<String> ssh = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "type=TYPE[,dest=PATH]", description = "Where the result goes: image, docker, oci, tar or local.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--source-date-epoch", paramLabel = "N", description = "Timestamp for reproducible layers and config (default: $SOURCE_DATE_EPOCH).")
    Long sourceDateEpoch;

    @Option(names = "--check", description = "Lint the Dockerfile first; stop on errors.")
    boolean check;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "Build context directory, or '-' for a tar or Dockerfile on stdin.")
    String contextDir;

    /** {@code --check}: lint first; findings are printed, errors stop the build, warnings do not. */
    private static boolean lintPasses(Context context, DockerfileInput input, java.nio.file.Path contextDir) {
        DockerIgnore ignore = DockerIgnore.empty();
        if (contextDir != null) {
            java.nio.file.Path dockerfilePath = input.path() != null ? input.path() : contextDir.resolve("Dockerfile");
            java.util.Optional<java.nio.file.Path> ignoreFile = IgnoreFiles.locate(contextDir, dockerfilePath);
            if (ignoreFile.isPresent()) {
                try {
                    ignore = DockerIgnore.parse(java.nio.file.Files.readString(ignoreFile.get()));
                } catch (java.io.IOException e) {
                    throw new UserError("cannot read " + ignoreFile.get() + ": " + e.getMessage(), e);
                }
            }
        }
        return PreBuildCheck.passes(new DockerfileSource(input.displayName(), input.text(), ignore),
                java.nio.file.Path.of(""), context.err(), context.env().get("PATH"));
    }

    @Override
    public Integer call() {
        Context context = parent.context();
        java.nio.file.Path dir = "-".equals(contextDir) ? null : java.nio.file.Path.of(contextDir);
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            throw new UserError("unable to prepare context: path \"" + contextDir + "\" not found");
        }
        DockerfileInput input = dockerfile.read(context, dir);
        if (check && !lintPasses(context, input, dir)) {
            throw new UserError("build stopped: the Dockerfile has lint errors (see above)");
        }
        InstructionGraph graph = dockerfile.graph(context, input);
        String plan = graph.requiredStages().stream().map(Stage::displayName).collect(Collectors.joining(", "));
        throw new UserError("the Dockerfile is valid (stages to build: " + plan
                + "), but running builds is not implemented in this version of jbuild yet");
    }
}
