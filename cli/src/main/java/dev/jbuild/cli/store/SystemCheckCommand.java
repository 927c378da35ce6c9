package dev.jbuild.cli.store;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreCheck;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild system check}: verifies every blob, reference, image and snapshot; exit 1 when anything is wrong. */
public final class SystemCheckCommand extends StoreCommand {

    public static CommandSpec spec() {
        return Commands.command("check", "Verify every blob digest and that every reference leads to a complete image.");
    }

    public SystemCheckCommand(ParsedArgs args) {
        // nothing of its own to read: the store root is a global option
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        StoreCheck.Report report = store.check();
        report.problems().forEach(problem -> context.out().println(problem.message()));
        context.out().println("checked " + report.blobsChecked() + " blobs, " + report.imagesChecked() + " images, "
                + report.referencesChecked() + " references, " + report.snapshotsChecked() + " snapshots: "
                + (report.isClean() ? "no problems" : report.problems().size() + " problem"
                        + (report.problems().size() == 1 ? "" : "s")));
        return report.isClean() ? ExitCode.OK : ExitCode.FAILED;
    }
}
