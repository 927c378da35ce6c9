package dev.jbuild.cli;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.builder.BuildRequest;
import dev.jbuild.builder.BuildResult;
import dev.jbuild.builder.ImageBuilder;
import dev.jbuild.builder.files.DockerFileCopier;
import dev.jbuild.builder.output.RootfsExporter;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.build.FailureReport;
import dev.jbuild.cli.build.JsonProgress;
import dev.jbuild.cli.build.OutputSpec;
import dev.jbuild.cli.build.PlainProgress;
import dev.jbuild.cli.build.SecretSpecs;
import dev.jbuild.cli.build.StdinContext;
import dev.jbuild.cli.build.TtyProgress;
import dev.jbuild.cli.lint.PreBuildCheck;
import dev.jbuild.cli.build.StepResourceOptions;
import dev.jbuild.executor.ExecutorException;
import dev.jbuild.executor.HostEntry;
import dev.jbuild.executor.NetworkMode;
import dev.jbuild.executor.NetworkProviders;
import dev.jbuild.executor.StorageDrivers;
import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.ignore.IgnoreFiles;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.Reference;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.StoreOptions;
import dev.jbuild.transfer.ImageSaver;
import dev.jbuild.transfer.SaveOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jbuild build} (also what {@code jbuild [OPTIONS] CONTEXT} means): reads the Dockerfile and the
 * context, hands the resolved graph to the {@link ImageBuilder} with a progress renderer, and writes the
 * outputs. Every failure becomes one line and exit code 1; a failed step also shows its last output
 * lines and the Dockerfile lines around it.
 */
final class BuildCommand implements CliCommand {

    static final OptionSpec<String> TAG = OptionSpec.list("-t", "--tag").withLabel("NAME[:TAG]")
            .withDescription("Name (and tag) for the image; repeatable.");
    static final OptionSpec<Boolean> NO_CACHE = OptionSpec.flag("--no-cache")
            .withDescription("Do not use the build cache.");
    static final OptionSpec<String> NO_CACHE_FILTER = OptionSpec.list("--no-cache-filter").withLabel("STAGE")
            .withDescription("Do not use the cache for these stages.");
    static final OptionSpec<String> LABEL = OptionSpec.list("--label").withLabel("KEY=VALUE")
            .withDescription("Set an image label; repeatable.");
    static final OptionSpec<String> PROGRESS = OptionSpec.single("--progress").withLabel("MODE").withDefault("auto")
            .withDescription("Progress output: auto, tty, plain, quiet or json (json goes to stdout, one object per "
                    + "line; the others to stderr).");
    static final OptionSpec<Boolean> QUIET = OptionSpec.flag("-q", "--quiet")
            .withDescription("Print only the image ID (the same as --progress quiet).");
    static final OptionSpec<String> IIDFILE = OptionSpec.single("--iidfile").withLabel("FILE")
            .withDescription("Write the image ID to FILE.");
    static final OptionSpec<String> NETWORK = OptionSpec.single("--network").withLabel("MODE").withDefault("default")
            .withDescription("Network for RUN steps: default (a namespace of the step's own, NAT to the outside), "
                    + "host (the host's, loopback included) or none.");
    static final OptionSpec<String> ADD_HOST = OptionSpec.list("--add-host").withLabel("HOST:IP")
            .withDescription("Add a line to every RUN step's /etc/hosts; repeatable.");
    static final OptionSpec<String> SHM_SIZE = OptionSpec.single("--shm-size").withLabel("SIZE")
            .withDescription("Size of /dev/shm in RUN steps (default: 64m).");
    static final OptionSpec<String> ULIMIT = OptionSpec.list("--ulimit").withLabel("NAME=SOFT[:HARD]")
            .withDescription("A resource limit of RUN steps' processes (nofile, nproc, core...); repeatable.");
    static final OptionSpec<String> CGROUP_PARENT = OptionSpec.single("--cgroup-parent").withLabel("CGROUP")
            .withDescription("Parent cgroup of the RUN steps' cgroups.");
    static final OptionSpec<Long> PIDS_LIMIT = OptionSpec.single(Converters.LONG, "--pids-limit").withLabel("N")
            .withDescription("Most processes and threads a RUN step may have at once (default: 2048; -1: no limit).");
    static final OptionSpec<String> MEMORY = OptionSpec.single("-m", "--memory").withLabel("SIZE")
            .withDescription("Memory limit of each RUN step (default: none).");
    static final OptionSpec<String> SECRET = OptionSpec.list("--secret").withLabel("id=ID,src=FILE|env=VAR")
            .withDescription("Expose a secret to RUN --mount=type=secret.");
    static final OptionSpec<String> SSH = OptionSpec.list("--ssh").withLabel("default")
            .withDescription("Forward the SSH agent to RUN --mount=type=ssh.");
    static final OptionSpec<String> OUTPUT = OptionSpec.list("-o", "--output").withLabel("type=TYPE[,dest=PATH]")
            .withDescription("Where the result goes: image, docker, oci, tar or local.");
    static final OptionSpec<Long> SOURCE_DATE_EPOCH = OptionSpec.single(Converters.LONG, "--source-date-epoch")
            .withLabel("N")
            .withDescription("Timestamp for reproducible layers and config (default: $SOURCE_DATE_EPOCH).");
    static final OptionSpec<Boolean> CHECK = OptionSpec.flag("--check")
            .withDescription("Lint the Dockerfile first; stop on errors.");
    static final PositionalSpec CONTEXT = PositionalSpec.required("CONTEXT")
            .withDescription("Build context directory, or '-' for a tar or Dockerfile on stdin.");

    static final CommandSpec SPEC = CommandSpec.of("build", "Build an image from a Dockerfile and a context directory.")
            .withOptions(DockerfileOptions.OPTIONS)
            .withOptions(TAG, NO_CACHE, NO_CACHE_FILTER, LABEL, PROGRESS, QUIET, IIDFILE, NETWORK, SECRET, SSH, OUTPUT,
                    SOURCE_DATE_EPOCH, CHECK, ADD_HOST, SHM_SIZE, ULIMIT, CGROUP_PARENT, PIDS_LIMIT, MEMORY)
            .withPositionals(CONTEXT);

    private final DockerfileOptions dockerfile;
    private final List<String> tags;
    private final boolean noCache;
    private final List<String> noCacheFilter;
    private final List<String> labels;
    private final String progress;
    private final boolean quiet;
    private final String iidFile;
    private final String network;
    private final List<String> addHosts;
    private final StepResourceOptions resources;
    private final List<String> secrets;
    private final List<String> ssh;
    private final List<String> outputs;
    private final Long sourceDateEpoch;
    private final boolean check;
    private final String contextDir;

    BuildCommand(ParsedArgs args) {
        this.dockerfile = new DockerfileOptions(args);
        this.tags = args.values(TAG);
        this.noCache = args.flag(NO_CACHE);
        this.noCacheFilter = args.values(NO_CACHE_FILTER);
        this.labels = args.values(LABEL);
        this.progress = args.value(PROGRESS);
        this.quiet = args.flag(QUIET);
        this.iidFile = args.value(IIDFILE);
        this.network = args.value(NETWORK);
        this.addHosts = args.values(ADD_HOST);
        this.resources = new StepResourceOptions(args.value(PIDS_LIMIT), args.value(MEMORY), args.value(SHM_SIZE),
                args.values(ULIMIT), args.value(CGROUP_PARENT));
        this.secrets = args.values(SECRET);
        this.ssh = args.values(SSH);
        this.outputs = args.values(OUTPUT);
        this.sourceDateEpoch = args.value(SOURCE_DATE_EPOCH);
        this.check = args.flag(CHECK);
        this.contextDir = args.positional(CONTEXT);
    }

    /** {@code --check}: lint first; findings are printed, errors stop the build, warnings do not. */
    private static boolean lintPasses(Context context, DockerfileInput input, DockerIgnore ignore) {
        return PreBuildCheck.passes(new DockerfileSource(input.displayName(), input.text(), ignore),
                java.nio.file.Path.of(""), context.err(), context.env().get("PATH"));
    }

    /** {@code .dockerignore}, or {@code <Dockerfile>.dockerignore} beside the Dockerfile, when there is a context. */
    private static DockerIgnore ignoreRules(DockerfileInput input, Path contextDir) {
        if (contextDir == null) {
            return DockerIgnore.empty();
        }
        Path dockerfilePath = input.path() != null ? input.path() : contextDir.resolve("Dockerfile");
        Optional<Path> ignoreFile = IgnoreFiles.locate(contextDir, dockerfilePath);
        if (ignoreFile.isEmpty()) {
            return DockerIgnore.empty();
        }
        try {
            return DockerIgnore.parse(Files.readString(ignoreFile.get()));
        } catch (IOException e) {
            throw new UserError("cannot read " + ignoreFile.get() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int call(Context context) throws IOException {
        Path stdinDir = null;
        try {
            Path dir;
            DockerfileInput input;
            if ("-".equals(contextDir)) {
                if ("-".equals(dockerfile.file)) {
                    throw new UserError("cannot read both the Dockerfile (-f -) and the context (-) from stdin");
                }
                stdinDir = Files.createTempDirectory("jbuild-context");
                StdinContext stdin = StdinContext.read(context.stdin(), stdinDir.resolve("context"));
                dir = stdin.directory();
                input = dir != null ? dockerfile.read(context, dir) : new DockerfileInput("-", null, stdin.dockerfile());
            } else {
                dir = Path.of(contextDir);
                if (!Files.isDirectory(dir)) {
                    throw new UserError("unable to prepare context: path \"" + contextDir + "\" not found");
                }
                input = dockerfile.read(context, dir);
            }
            DockerIgnore ignore = ignoreRules(input, dir);
            if (check && !lintPasses(context, input, ignore)) {
                throw new UserError("build stopped: the Dockerfile has lint errors (see above)");
            }
            InstructionGraph graph = dockerfile.graph(context, input);
            return build(context, graph, dir == null ? null : dir.toAbsolutePath(), ignore);
        } finally {
            if (stdinDir != null) {
                deleteTree(stdinDir);
            }
        }
    }

    private int build(Context context, InstructionGraph graph, Path dir, DockerIgnore ignore) throws IOException {
        List<OutputSpec> outputSpecs = new ArrayList<>();
        BuildRequest request;
        try {
            for (String output : outputs) {
                outputSpecs.add(OutputSpec.parse(output));
            }
            request = request(context, graph, dir, ignore);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        String mode = progressMode(context);
        BuildListener listener = switch (mode) {
            case "plain" -> new PlainProgress(context.err());
            case "tty" -> new TtyProgress(context.err());
            case "json" -> new JsonProgress(context.out());
            default -> BuildListener.NONE;
        };
        Path root = context.global().storeRoot(context.env());
        StoreOptions options = StoreOptions.defaults()
                .withLockWaitNotice(message -> context.err().println("jbuild: " + message));
        // Held until the outputs are written: they read the image's layers, which a prune could take.
        try (ImageStore store = ImageStore.open(root, options); ImageStore.BuildHold noPrune = store.holdForBuild()) {
            DockerFileCopier copier = new DockerFileCopier(root.resolve("builder").resolve("checksums"));
            ImageBuilder builder = ImageBuilder.open(store, StorageDrivers.requested(null, context.env()),
                    Optional.empty(), NetworkProviders.requested(context.env()), copier);
            BuildResult result;
            try {
                result = builder.build(request, listener);
            } catch (BuildException e) {
                closeQuietly(listener);
                FailureReport.print(context.err(), e, graph.syntax().lines());
                throw new UserError("failed to solve: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("build interrupted", e);
            } finally {
                closeQuietly(listener);
            }
            for (OutputSpec output : outputSpecs) {
                write(output, store, builder, result, request, context);
            }
            if (iidFile != null) {
                writeImageId(Path.of(iidFile), result.image().id().value());
            }
            if (mode.equals("quiet")) {
                context.out().println(result.image().id().value());
            }
            return ExitCode.OK;
        } catch (StoreException | ExecutorException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** {@code --iidfile}: after the image is stored, so a bad path fails the command but loses nothing. */
    private static void writeImageId(Path file, String id) {
        try {
            Files.writeString(file, id);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("cannot write the image ID to " + file + ": no such directory", e);
        } catch (IOException e) {
            throw new UserError("cannot write the image ID to " + file + ": " + e.getMessage(), e);
        }
    }

    private BuildRequest request(Context context, InstructionGraph graph, Path dir, DockerIgnore ignore)
            throws IOException {
        for (String tag : tags) {
            try {
                Reference.parseNormalized(tag);
            } catch (StoreException e) {
                throw new IllegalArgumentException("invalid tag \"" + tag + "\": " + e.getMessage());
            }
        }
        BuildRequest.Builder request = BuildRequest.builder(graph, dir).ignore(ignore)
                .buildArgs(dockerfile.buildArgMap(context.env())).tags(tags).labels(labelMap())
                .noCache(noCache).network(networkMode(network)).sourceDateEpoch(epoch(context))
                .resources(resources.toResources());
        addHosts.forEach(entry -> request.extraHost(HostEntry.parse(entry)));
        noCacheFilter.forEach(request::noCacheStage);
        for (String secret : secrets) {
            Map.Entry<String, byte[]> entry = SecretSpecs.secret(secret, context.env());
            request.secret(entry.getKey(), entry.getValue());
        }
        for (String agent : ssh) {
            Map.Entry<String, Path> entry = SecretSpecs.ssh(agent, context.env());
            request.sshAgent(entry.getKey(), entry.getValue());
        }
        request.serial("1".equals(context.env().get("JBUILD_SERIAL")));
        return request.build();
    }

    private void write(OutputSpec output, ImageStore store, ImageBuilder builder, BuildResult result,
                       BuildRequest request, Context context) throws IOException {
        switch (output.type()) {
            case IMAGE -> { }
            case LOCAL -> new RootfsExporter(builder.diffs()).writeDirectory(result.state(), Path.of(output.dest()));
            case TAR -> {
                if (output.dest().equals("-")) {
                    new RootfsExporter(builder.diffs()).writeTar(result.state(), request.sourceDateEpoch(), context.out());
                    context.out().flush();
                } else {
                    try (OutputStream out = Files.newOutputStream(Path.of(output.dest()))) {
                        new RootfsExporter(builder.diffs()).writeTar(result.state(), request.sourceDateEpoch(), out);
                    }
                }
            }
            case DOCKER, OCI -> {
                List<String> names = tags.isEmpty() ? List.of(result.image().id().value()) : tags;
                ImageSaver saver = new ImageSaver(store);
                if (output.dest().equals("-")) {
                    saver.save(names, SaveOptions.defaults(), context.out());
                } else {
                    saver.saveToFile(names, SaveOptions.defaults(), Path.of(output.dest()));
                }
            }
        }
    }

    private String progressMode(Context context) {
        if (quiet) {
            return "quiet";
        }
        String mode = progress.toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "plain", "tty", "json", "quiet" -> mode;
            case "auto" -> System.console() != null && context.err() == System.err ? "tty" : "plain";
            default -> throw new UserError("invalid --progress \"" + progress + "\": expected auto, tty, plain, quiet or json");
        };
    }

    private Map<String, String> labelMap() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                values.put(eq == 0 ? label.substring(1) : label, "");
            } else {
                values.put(label.substring(0, eq), label.substring(eq + 1));
            }
        }
        return values;
    }

    private static NetworkMode networkMode(String value) {
        return switch (value) {
            case "default" -> NetworkMode.DEFAULT;
            case "host" -> NetworkMode.HOST;
            case "none" -> NetworkMode.NONE;
            default -> throw new IllegalArgumentException("invalid --network \"" + value + "\": expected default, host or none");
        };
    }

    private Long epoch(Context context) {
        if (sourceDateEpoch != null) {
            return sourceDateEpoch;
        }
        String value = context.env().get("SOURCE_DATE_EPOCH");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid SOURCE_DATE_EPOCH \"" + value + "\": not a number of seconds");
        }
    }

    private static void closeQuietly(BuildListener listener) {
        if (listener instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a renderer that cannot close has nothing left to show
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory
        }
    }
}
