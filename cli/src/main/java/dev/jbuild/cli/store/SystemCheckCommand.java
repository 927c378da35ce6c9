package dev.jbuild.cli.store;

import dev.jbuild.cli.spec.Args;
import dev.jbuild.builder.Leftovers;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreCheck;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;
import java.util.List;

/**
 * {@code jbuild system check}: verifies every blob, reference, image and snapshot, and lists what killed
 * jbuild processes left (running containers, mounts, temp data); exit 1 when anything is wrong.
 * {@code --repair} removes those leftovers (the store's own problems are not repaired: prune, or rebuild).
 */
public final class SystemCheckCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("check", "Verify every blob digest and that every reference leads to a "
                + "complete image; list what killed builds left.");
        Commands.options(spec, Args.flag("--repair").description("Remove what killed jbuild processes left: "
                + "containers, mounts, step directories, temp data."));
        return spec;
    }

    private final boolean repair;

    public SystemCheckCommand(ParsedArgs args) {
        this.repair = args.flag("--repair");
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        if (repair) {
            Leftovers.Cleaned cleaned = Leftovers.clean(store);
            context.out().println("repaired: " + cleaned.executor().containers() + " containers deleted, "
                    + cleaned.executor().mounts() + " mounts unmounted, " + cleaned.executor().directories()
                    + " directories and " + DockerFormat.humanSize(cleaned.tempBytes()) + " of temp data removed");
            cleaned.executor().failures().forEach(failure -> context.out().println("could not repair: " + failure));
        }
        StoreCheck.Report report = store.check();
        List<Leftovers.Item> leftovers = Leftovers.find(store);
        report.problems().forEach(problem -> context.out().println(problem.message()));
        leftovers.forEach(leftover -> context.out().println(leftover.detail()
                + (leftover.bytes() > 0 ? " (" + DockerFormat.humanSize(leftover.bytes()) + ")" : "")));
        int problems = report.problems().size() + leftovers.size();
        context.out().println("checked " + report.blobsChecked() + " blobs, " + report.imagesChecked() + " images, "
                + report.referencesChecked() + " references, " + report.snapshotsChecked() + " snapshots: "
                + (problems == 0 ? "no problems" : problems + " problem" + (problems == 1 ? "" : "s"))
                + (leftovers.isEmpty() || repair ? "" : " (jbuild system check --repair or jbuild prune removes what"
                        + " killed processes left)"));
        return problems == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
