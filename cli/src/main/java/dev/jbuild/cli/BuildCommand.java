package dev.jbuild.cli;

import dev.jbuild.analysis.ImageInput;
import dev.jbuild.analysis.sbom.SbomArtifacts;
import dev.jbuild.analysis.sbom.SbomFormat;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.frontend.ContextSource;
import dev.jbuild.builder.frontend.Frontend;
import dev.jbuild.builder.frontend.FrontendResult;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.builder.BuildRequest;
import dev.jbuild.builder.BuildResult;
import dev.jbuild.builder.ImageBuilder;
import dev.jbuild.builder.NamedContext;
import dev.jbuild.builder.files.DockerFileCopier;
import dev.jbuild.builder.output.Outputs;
import dev.jbuild.cli.build.SavedArchives;
import dev.jbuild.cli.build.CacheSpec;
import dev.jbuild.cli.build.DockerLoad;
import dev.jbuild.cli.build.FailureReport;
import dev.jbuild.cli.build.JsonProgress;
import dev.jbuild.cli.build.MetadataFile;
import dev.jbuild.cli.build.NamedContexts;
import dev.jbuild.cli.build.OutputSpec;
import dev.jbuild.cli.build.PlainProgress;
import dev.jbuild.cli.build.PlanPrinter;
import dev.jbuild.cli.build.PlatformOption;
import dev.jbuild.cli.build.SecretSpecs;
import dev.jbuild.cli.build.TtyProgress;
import dev.jbuild.cli.lint.PreBuildCheck;
import dev.jbuild.cli.registry.BuildRemotes;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.build.StepResourceOptions;
import dev.jbuild.executor.HostEntry;
import dev.jbuild.platform.NetworkMode;
import dev.jbuild.executor.NetworkProviders;
import dev.jbuild.executor.StorageDrivers;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild build} (also what {@code jbuild [OPTIONS] CONTEXT} means): reads the Dockerfile and the
 * context, hands the resolved graph to the {@link ImageBuilder} with a progress renderer, and writes the
 * outputs. Every failure becomes one line and exit code 1; a failed step also shows its last output
 * lines and the Dockerfile lines around it.
 */
final class BuildCommand implements CliCommand {

    static CommandSpec spec() {
        CommandSpec spec = Commands.command("build", "Build an image from a Dockerfile and a context directory.");
        DockerfileOptions.addTo(spec);
        Commands.options(spec,
                Args.list("NAME[:TAG]", "-t", "--tag").description("Name (and tag) for the image; repeatable."),
                Args.flag("--no-cache").description("Do not use the build cache."),
                Args.list("STAGE", "--no-cache-filter").description("Do not use the cache for these stages."),
                Args.list("KEY=VALUE", "--label").description("Set an image label; repeatable."),
                Args.value("MODE", "--progress").defaultValue("auto")
                        .completionCandidates(List.of("auto", "tty", "plain", "quiet", "json"))
                        .description("Progress output: auto, tty, plain, quiet or json (json goes to stdout, one object "
                                + "per line; the others to stderr) (default: $BUILDKIT_PROGRESS, else auto)."),
                Args.flag("-q", "--quiet").description("Print only the image ID (the same as --progress quiet)."),
                Args.file("FILE", "--iidfile").description("Write the image ID to FILE."),
                Args.value("NETWORK", "--network").defaultValue("default").completionCandidates(List.of("default", "host", "none"))
                        .description("Network for RUN steps: default (a namespace of the step's own, NAT to the "
                                + "outside), host (the host's, loopback included) or none."),
                Args.list("HOST:IP", "--add-host").description("Add a line to every RUN step's /etc/hosts; repeatable."),
                Args.value("SIZE", "--shm-size").description("Size of /dev/shm in RUN steps (default: 64m)."),
                Args.list("NAME=SOFT[:HARD]", "--ulimit")
                        .description("A resource limit of RUN steps' processes (nofile, nproc, core...); repeatable."),
                Args.value("CGROUP", "--cgroup-parent").description("Parent cgroup of the RUN steps' cgroups."),
                Args.value(Long.class, "N", "--pids-limit").description("Most processes and threads a RUN step may "
                        + "have at once (default: 2048; -1: no limit)."),
                Args.value("SIZE", "-m", "--memory").description("Memory limit of each RUN step (default: none)."),
                Args.list("id=ID,src=FILE|env=VAR", "--secret").description("Expose a secret to RUN --mount=type=secret."),
                Args.list("default", "--ssh").description("Forward the SSH agent to RUN --mount=type=ssh."),
                Args.list("type=TYPE[,dest=PATH]", "-o", "--output")
                        .description("Where the result goes: image, registry (name=REF), docker, oci, tar or local."),
                Args.value(Long.class, "N", "--source-date-epoch")
                        .description("Timestamp for reproducible layers and config (default: $SOURCE_DATE_EPOCH)."),
                Args.flag("--check").description("Lint the Dockerfile first; stop on errors."),
                Args.value("PLATFORM", "--platform")
                        .description("Target platform: only this host's (" + PlatformOption.host() + ") for now."),
                Args.flag("--load").description("Also load the image into the local Docker engine (its API on "
                        + "DOCKER_HOST or /var/run/docker.sock, else the docker CLI), as buildx does."),
                Args.list("NAME=DIR|docker-image://REF", "--build-context")
                        .description("A named context: FROM NAME, COPY --from=NAME and RUN --mount=from=NAME read it "
                                + "instead of the stage or image NAME."),
                Args.file("FILE", "--metadata-file")
                        .description("Write buildx's build metadata (image and manifest digests, names) to FILE as JSON."),
                Args.flag("--pull").description("Ask the registry for a newer copy of every base image (the stored one "
                        + "serves when the registry cannot be reached)."),
                Args.flag("--push").description("Push the image under every -t name after the build."),
                Args.list("SPEC", "--cache-from").description("Also use a build cache exported elsewhere: "
                        + "type=registry,ref=REF or type=local,src=DIR; mounts=true restores the cache mounts "
                        + "exported with it."),
                Args.list("SPEC", "--cache-to").description("Export the build cache: type=registry,ref=REF or "
                        + "type=local,dest=DIR, with mode=min (the final image's steps, default) or mode=max (every "
                        + "stage's); mounts=true carries the RUN --mount=type=cache directories too."),
                RegistryOptions.registryCa(),
                Args.flag("--squash").arity("0..1").description("Put everything above the base image into one layer "
                        + "(history and config kept)."),
                Args.flag("--dry-run").description("Print the plan, every step of the target CACHED or not and why, "
                        + "without running it."),
                // buildx scripts pass --sbom=false: a flag that also takes true or false
                Args.flag("--sbom").arity("0..1").description("Store a CycloneDX SBOM of the image with it ('jbuild "
                        + "sbom' prints it, 'save' carries it)."));
        spec.addPositional(Args.files(Args.required(0, "CONTEXT"))
                .description("Build context directory, or '-' for a tar or Dockerfile on stdin.").build());
        return spec;
    }

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
    private final String platform;
    private final boolean load;
    private final List<String> buildContexts;
    private final String metadataFile;
    private final boolean pull;
    private final boolean push;
    private final List<String> cacheFrom;
    private final List<String> cacheTo;
    private final RegistryOptions registry;
    private final boolean squash;
    private final boolean dryRun;
    private final boolean sbom;

    BuildCommand(ParsedArgs args) {
        this.dockerfile = new DockerfileOptions(args);
        this.tags = args.values("--tag");
        this.noCache = args.flag("--no-cache");
        this.noCacheFilter = args.values("--no-cache-filter");
        this.labels = args.values("--label");
        this.progress = args.value("--progress");
        this.quiet = args.flag("--quiet");
        this.iidFile = args.value("--iidfile");
        this.network = args.value("--network");
        this.addHosts = args.values("--add-host");
        this.resources = new StepResourceOptions(args.value("--pids-limit"), args.value("--memory"),
                args.value("--shm-size"), args.values("--ulimit"), args.value("--cgroup-parent"));
        this.secrets = args.values("--secret");
        this.ssh = args.values("--ssh");
        this.outputs = args.values("--output");
        this.sourceDateEpoch = args.value("--source-date-epoch");
        this.check = args.flag("--check");
        this.contextDir = args.positional(0);
        this.platform = args.value("--platform");
        this.load = args.flag("--load");
        this.buildContexts = args.values("--build-context");
        this.metadataFile = args.value("--metadata-file");
        this.pull = args.flag("--pull");
        this.push = args.flag("--push");
        this.cacheFrom = args.values("--cache-from");
        this.cacheTo = args.values("--cache-to");
        this.registry = new RegistryOptions(args);
        this.squash = args.flag("--squash");
        this.dryRun = args.flag("--dry-run");
        this.sbom = args.flag("--sbom");
    }

    /** {@code --check}: lint first; findings are printed, errors stop the build, warnings do not. */
    private static boolean lintPasses(Context context, FrontendResult front, InstructionGraph graph, DockerIgnore ignore) {
        return PreBuildCheck.passes(new DockerfileSource(front.dockerfileName(), front.text(), ignore), graph,
                java.nio.file.Path.of(""), context.err(), context.env().get("PATH"));
    }

    @Override
    public int call(Context context) throws IOException {
        PlatformOption.check(platform);
        ContextSource source = "-".equals(contextDir) ? new ContextSource.Stdin() : new ContextSource.Directory(Path.of(contextDir));
        try (FrontendResult front = Frontend.read(dockerfile.request(context, source))) {
            DockerIgnore ignore = front.ignore();
            InstructionGraph graph = front.graph();
            if (check && !lintPasses(context, front, graph, ignore)) {
                throw new UserError("build stopped: the Dockerfile has lint errors (see above)");
            }
            // Invalid instructions are reported by the builder, with everything else it finds, before any step.
            return build(context, graph.requireBuildable(), front.contextDir().orElse(null), ignore);
        }
    }

    private int build(Context context, InstructionGraph graph, Path dir, DockerIgnore ignore) throws IOException {
        List<OutputSpec> outputSpecs = new ArrayList<>();
        List<CacheSpec> cacheFromSpecs = new ArrayList<>();
        List<CacheSpec> cacheToSpecs = new ArrayList<>();
        BuildRequest.Builder requestBuilder;
        try {
            for (String output : outputs) {
                outputSpecs.add(OutputSpec.parse(output));
            }
            cacheFrom.forEach(spec -> cacheFromSpecs.add(CacheSpec.parseFrom(spec)));
            cacheTo.forEach(spec -> cacheToSpecs.add(CacheSpec.parseTo(spec)));
            if (push && tags.isEmpty()) {
                throw new IllegalArgumentException("--push needs at least one -t NAME to push to");
            }
            requestBuilder = request(context, graph, dir, ignore);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        String mode = progressMode(context);
        boolean quietMode = mode.equals("quiet");
        PlanPrinter plan = dryRun && !mode.equals("json") ? new PlanPrinter(context.out()) : null;
        BuildListener listener = plan != null ? plan : switch (mode) {
            case "plain" -> new PlainProgress(context.err());
            case "tty" -> TtyProgress.forStderr(context.err(), context.env());
            case "json" -> new JsonProgress(context.out());
            default -> BuildListener.NONE;
        };
        Path root = context.global().storeRoot(context.env());
        StoreOptions options = StoreOptions.defaults()
                .withLockWaitNotice(message -> context.err().println("jbuild: " + message));
        // Held until the outputs are written: they read the image's layers, which a prune could take.
        try (ImageStore store = ImageStore.open(root, options); ImageStore.BuildHold noPrune = store.holdForBuild();
             BuildRemotes remotes = new BuildRemotes(store, () -> registry.registries(context), context.err())) {
            DockerFileCopier copier = new DockerFileCopier(store.layout().checksumsDir());
            ImageBuilder builder = ImageBuilder.open(store, StorageDrivers.requested(null, context.env()),
                    Optional.empty(), NetworkProviders.requested(context.env()), copier);
            remotes.wire(requestBuilder.pull(pull), cacheFromSpecs, listener);
            BuildRequest request = requestBuilder.build();
            BuildResult result;
            try {
                result = builder.build(request, listener);
            } catch (BuildException e) {
                closeQuietly(listener);
                FailureReport.print(context.err(), e, graph.syntax().lines()); // the step's context; Failures says the line
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("build interrupted", e);
            } finally {
                closeQuietly(listener);
            }
            if (dryRun) {
                if (plan != null) {
                    plan.print();
                }
                return ExitCode.OK;
            }
            if (sbom) {
                attachSbom(store, result, context);
            }
            for (OutputSpec output : outputSpecs) {
                if (output.pushes()) {
                    remotes.push(result, output.name(), quietMode);
                } else {
                    write(output, store, builder, result, request, context);
                }
            }
            if (push) {
                for (String tag : tags) {
                    remotes.push(result, tag, quietMode);
                }
            }
            for (CacheSpec spec : cacheToSpecs) {
                remotes.exportCache(result, spec, request, quietMode);
            }
            if (iidFile != null) {
                writeImageId(Path.of(iidFile), result.image().id().value());
            }
            if (metadataFile != null) {
                MetadataFile.write(Path.of(metadataFile), result.image(),
                        store.blobs().size(result.image().manifestDigest()), tags);
            }
            if (load) {
                DockerLoad.load(store, tags.isEmpty() ? List.of(result.image().id().value()) : tags, context.env(),
                        context.err());
            }
            if (quietMode) {
                context.out().println(result.image().id().value());
            }
            return ExitCode.OK;
        }
    }

    /** {@code --sbom}: the image's CycloneDX SBOM, stored with it as a referrer. */
    private static void attachSbom(ImageStore store, BuildResult result, Context context) throws IOException {
        String name = result.image().repoTags().isEmpty() ? result.image().id().value()
                : result.image().repoTags().get(0);
        ImageInput input = ImageInput.of(store, name, result.image());
        SbomArtifacts.Generated generated = SbomArtifacts.generate(input, SbomFormat.CYCLONEDX_JSON);
        generated.warnings().forEach(warning -> context.err().println("jbuild: warning: " + warning));
        SbomArtifacts.attach(store, result.image(), SbomFormat.CYCLONEDX_JSON, generated.document());
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

    private BuildRequest.Builder request(Context context, InstructionGraph graph, Path dir, DockerIgnore ignore)
            throws IOException {
        for (String tag : tags) {
            try {
                Reference.parseNormalized(tag);
            } catch (StoreException | ImageSpecException e) {
                throw new IllegalArgumentException("invalid tag \"" + tag + "\": " + e.getMessage());
            }
        }
        BuildRequest.Builder request = BuildRequest.builder(graph, dir).ignore(ignore)
                .buildArgs(dockerfile.buildArgMap(context.env())).tags(tags).labels(labelMap())
                .noCache(noCache).network(networkMode(network)).sourceDateEpoch(epoch(context))
                .squash(squash).dryRun(dryRun).resources(resources.toResources());
        addHosts.forEach(entry -> request.extraHost(HostEntry.parse(entry)));
        noCacheFilter.forEach(request::noCacheStage);
        for (Map.Entry<String, NamedContext> named : NamedContexts.parse(buildContexts).entrySet()) {
            request.namedContext(named.getKey(), named.getValue());
        }
        for (String secret : secrets) {
            Map.Entry<String, byte[]> entry = SecretSpecs.secret(secret, context.env());
            request.secret(entry.getKey(), entry.getValue());
        }
        for (String agent : ssh) {
            Map.Entry<String, Path> entry = SecretSpecs.ssh(agent, context.env());
            request.sshAgent(entry.getKey(), entry.getValue());
        }
        request.serial("1".equals(context.env().get("JBUILD_SERIAL")));
        return request;
    }

    private void write(OutputSpec output, ImageStore store, ImageBuilder builder, BuildResult result,
                       BuildRequest request, Context context) throws IOException {
        new Outputs(builder.diffs(), Optional.of(new SavedArchives(store)))
                .write(result, tags, request.sourceDateEpoch(), output.target(context.out()));
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
        NetworkMode mode = NetworkMode.ofKeyword(value);
        if (mode == null) {
            throw new IllegalArgumentException("invalid --network \"" + value + "\": expected default, host or none");
        }
        return mode;
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
}
