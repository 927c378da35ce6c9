package dev.jbuild.cli.store;

import dev.jbuild.builder.cache.CachePruner;
import dev.jbuild.builder.cache.PruneArgumentException;
import dev.jbuild.builder.cache.PruneFilters;
import dev.jbuild.builder.cache.StorageSize;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UsageException;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code jbuild prune}: {@code docker system prune} for a daemonless store. Removes untagged images and
 * the build cache (all of it, or what {@code --filter until=} and {@code --keep-storage} select), then
 * every blob, snapshot and layer diff that no remaining image or cache record needs, and the temp files
 * of dead processes. Unlike Docker it does not ask for confirmation (there is no terminal to ask in
 * CI); {@code -f} is accepted for scripts written for Docker, and so is {@code -a}, since the whole
 * cache already goes without it.
 */
public final class PruneCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("prune",
                "Remove untagged images, the build cache, and everything no image or cache record needs.",
                "With --filter until=DURATION only cache records unused (and untagged images created) for that long "
                        + "go; with --keep-storage SIZE the least recently used records go until the cache fits.");
        Commands.options(spec,
                Args.flag("-f", "--force").description("Accepted for Docker compatibility; prune never asks."),
                Args.flag("-a", "--all")
                        .description("Accepted for Docker compatibility; the whole build cache goes without it too."),
                Args.list(Instant.class, new UntilConverter(), "until=TIME", "--filter")
                        .description("Only what is older: a Go duration (24h, 1h30m), an RFC 3339 time or Unix seconds."),
                Args.value(Long.class, new SizeConverter(), "SIZE", "--keep-storage")
                        .description("Keep the build cache's most recently used records up to this size (512MB, 10GB, "
                                + "1.5g)."));
        return spec;
    }

    private final List<Instant> until;
    private final Long keepStorage;

    public PruneCommand(ParsedArgs args) {
        this.until = args.values("--filter");
        this.keepStorage = args.value("--keep-storage");
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        if (until.size() > 1) {
            throw new UsageException("more than one until filter specified");
        }
        CachePruner.Options options = new CachePruner.Options(until.isEmpty() ? null : until.get(0), keepStorage);
        CachePruner.Report report = new CachePruner(store).prune(options);
        var out = context.out();
        if (!report.store().removedImages().isEmpty()) {
            out.println("Deleted Images:");
            for (Digest id : report.store().removedImages()) {
                out.println("deleted: " + id);
            }
            out.println();
        }
        if (!report.removedRecords().isEmpty()) {
            out.println("Deleted build cache objects:");
            for (Digest key : report.removedRecords()) {
                out.println(key.hex());
            }
            out.println();
        }
        out.println("Removed " + report.store().blobsRemoved() + " blobs, " + report.store().snapshotsRemoved()
                + " snapshots, " + (report.store().tempEntriesRemoved() + report.tempEntriesRemoved())
                + " temporary files");
        out.println("Removed " + report.removedRecords().size() + " build cache records");
        if (report.executor().containers() + report.executor().mounts() + report.executor().directories() > 0) {
            out.println("Removed what killed builds left: " + report.executor().containers() + " containers, "
                    + report.executor().mounts() + " mounts, " + report.executor().directories() + " step directories");
        }
        report.executor().failures().forEach(failure -> context.err().println("jbuild: could not clean " + failure));
        out.println("Build cache size: " + DockerFormat.humanSize(report.cacheSizeAfter()) + " in "
                + report.recordsKept() + " records (was " + DockerFormat.humanSize(report.cacheSizeBefore()) + ")");
        out.println("Total reclaimed space: " + DockerFormat.humanSize(report.bytesFreed()));
        return ExitCode.OK;
    }

    /** {@code until=<time or duration>}, read when the command line is, so a bad one stops before the store opens. */
    static final class UntilConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return PruneFilters.until(List.of(value), Instant.now(), ZoneId.systemDefault());
            } catch (PruneArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return StorageSize.parse(value);
            } catch (PruneArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
