package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.store.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.Prune;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jbuild prune}: removes untagged images, unreferenced blobs and snapshots, and the temp files
 * of dead processes. Unlike {@code docker image prune} it does not ask for confirmation (there is no
 * terminal to ask in CI); {@code -f} is accepted for scripts written for Docker.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove untagged images and everything no image needs.")
public final class PruneCommand extends StoreCommand {

    @ParentCommand
    JbuildCommand parent;

    @Option(names = {"-f", "--force"}, description = "Accepted for Docker compatibility; prune never asks.")
    boolean force;

    @Override
    protected Context context() {
        return parent.context();
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        Prune.Report report = store.prune();
        if (!report.removedImages().isEmpty()) {
            context.out().println("Deleted Images:");
            for (Digest id : report.removedImages()) {
                context.out().println("deleted: " + id);
            }
            context.out().println();
        }
        context.out().println("Removed " + report.blobsRemoved() + " blobs, " + report.snapshotsRemoved()
                + " snapshots, " + report.tempEntriesRemoved() + " temporary files");
        context.out().println("Total reclaimed space: " + DockerFormat.humanSize(report.bytesFreed()));
        return ExitCode.OK;
    }
}
