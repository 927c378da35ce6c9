package dev.jbuild.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Flags of {@code docker build}, {@code docker buildx build} and the {@code docker image} commands that
 * jbuild does not implement. Scripts written for Docker pass them; instead of picocli's "Unknown
 * option" they get a line saying that jbuild does not implement the flag and why, or, for a flag that
 * BuildKit itself ignores (or a value that asks for nothing), nothing at all. They are hidden from
 * help; README's "Coming from Docker" table lists them.
 */
final class UnsupportedFlags {
    /** Every value of a flag is a no-op. */
    private static final Set<String> ANY = Set.of("*");

    /**
     * @param command  the jbuild command that accepts it
     * @param names    its names, as Docker spells them
     * @param arity    picocli's arity: "0" for a flag, "0..1" for a boolean flag Docker also takes as {@code --x=false}, "1" for a value
     * @param noOps    values that ask for nothing jbuild would do differently ({@link #ANY}: every value), so they pass
     * @param reason   the second half of the error line
     */
    private record Flag(String command, List<String> names, String arity, Set<String> noOps, String reason) {
        Flag(String command, String names, String arity, Set<String> noOps, String reason) {
            this(command, List.of(names.split(",")), arity, noOps, reason);
        }
    }

    private static final String LIMITS = "RUN steps take --memory and --pids-limit, not CPU limits or swap";

    private static final List<Flag> FLAGS = List.of(
            new Flag("build", "--allow", "1", Set.of(), "no entitlements (network.host, security.insecure) can be granted"),
            new Flag("build", "--annotation", "1", Set.of(), "images get no annotations yet"),
            new Flag("build", "--attest", "1", Set.of(), "jbuild writes no attestations"),
            new Flag("build", "--provenance", "1", Set.of("false", "0"), "jbuild writes no provenance attestation"),
            new Flag("build", "--builder", "1", Set.of(), "jbuild has no builder instances: it builds in-process"),
            new Flag("build", "--call,--print", "1", Set.of("build"), "use 'jbuild lint' to check a Dockerfile"),
            new Flag("build", "--cpu-period", "1", Set.of(), LIMITS),
            new Flag("build", "--cpu-quota", "1", Set.of(), LIMITS),
            new Flag("build", "-c,--cpu-shares", "1", Set.of(), LIMITS),
            new Flag("build", "--cpuset-cpus", "1", Set.of(), LIMITS),
            new Flag("build", "--cpuset-mems", "1", Set.of(), LIMITS),
            new Flag("build", "--memory-swap", "1", Set.of(), LIMITS),
            new Flag("build", "--isolation", "1", Set.of("default"), "only the default isolation exists on Linux"),
            new Flag("build", "--security-opt", "1", Set.of(), "RUN steps run with Docker's default seccomp and capabilities only"),
            new Flag("build", "--stream", "0..1", Set.of("false"), "the context is always read from the file system"),
            new Flag("build", "--compress", "0..1", ANY, "BuildKit ignores it"),
            new Flag("build", "--rm", "0..1", ANY, "BuildKit ignores it"),
            new Flag("build", "--force-rm", "0..1", ANY, "BuildKit ignores it"),
            new Flag("build", "--disable-content-trust", "0..1", ANY, "BuildKit ignores it"),
            new Flag("images", "-a,--all", "0..1", ANY, "jbuild keeps no intermediate images"),
            new Flag("images", "--digests", "0..1", Set.of("false"), "the DIGEST column is not shown yet; use --format '{{.Digest}}'"),
            new Flag("images", "-f,--filter", "1", Set.of(), "filters are not implemented; give REPOSITORY[:TAG] instead"),
            new Flag("images", "--tree", "0..1", Set.of("false"), "there is no tree view"),
            new Flag("inspect", "--type", "1", Set.of("image"), "jbuild has only images to inspect"),
            new Flag("inspect", "-s,--size", "0..1", ANY, "image sizes are always shown"),
            new Flag("rmi", "--no-prune", "0..1", Set.of("false"), "untagged parents are always removed"),
            new Flag("prune", "--volumes", "0..1", ANY, "jbuild has no volumes"));

    private UnsupportedFlags() {}

    /** Whether any of these words ({@code --memory}, {@code --rm=false}) is one of these flags of {@code command}. */
    static boolean concern(String command, List<String> words) {
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            for (Flag flag : FLAGS) {
                if (flag.command().equals(command) && flag.names().contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the hidden flags {@code command} accepts from Docker. */
    static void addTo(CommandSpec spec) {
        for (Flag flag : FLAGS) {
            if (flag.command().equals(spec.name())) {
                OptionSpec.Builder option = OptionSpec.builder(flag.names().toArray(String[]::new)).hidden(true)
                        .arity(flag.arity()).type(flag.arity().equals("1") ? String.class : boolean.class)
                        .paramLabel("VALUE");
                if (flag.arity().equals("1")) {
                    option.type(List.class).auxiliaryTypes(String.class);
                }
                spec.addOption(option.build());
            }
        }
    }

    /** Throws when the line gives one of these flags with a value that would ask jbuild for something it does not do. */
    static void check(ParseResult command) {
        for (OptionSpec option : command.matchedOptions()) {
            if (!option.hidden()) {
                continue;
            }
            for (Flag flag : FLAGS) {
                if (flag.command().equals(command.commandSpec().name()) && flag.names().contains(option.longestName())
                        && !allowed(flag, command.matchedOption(option.longestName()).stringValues())) {
                    throw new UserError(command.commandSpec().name() + " " + option.longestName()
                            + " is not implemented (a Docker flag): " + flag.reason());
                }
            }
        }
    }

    private static boolean allowed(Flag flag, List<String> given) {
        if (flag.noOps() == ANY) {
            return true;
        }
        // a boolean flag given bare ({@code --squash}) asks for it
        for (String value : given.isEmpty() ? List.of("true") : given) {
            if (!flag.noOps().contains(value.isEmpty() ? "true" : value.toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
