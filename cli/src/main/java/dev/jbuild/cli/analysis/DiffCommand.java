package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.DiffReport;
import dev.jbuild.analysis.ImageDiff;
import dev.jbuild.analysis.ImageInput;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import java.io.IOException;

import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild diff A B [--format text|json]}: files, config and layers that differ between two images. */
public final class DiffCommand extends StoreCommand {
    enum Format { text, json }

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("diff",
                "Show the files (content, mode, owner, link target, xattrs), config and layers that differ between "
                        + "two images.");
        Commands.options(spec,
                Args.value(Format.class, Converters.oneOf(Format.values()), "FORMAT", "--format").defaultValue("text")
                        .completionCandidates(java.util.List.of("text", "json"))
                        .description("Output format: text or json (default: text)."));
        spec.addPositional(Args.required(0, "A").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, ID, or archive file (save, docker save, OCI archive).").build());
        spec.addPositional(Args.required(1, "B").completionCandidates(Args.IMAGE_NAMES)
                .description("The image to compare it with.").build());
        return spec;
    }

    private final Format format;
    private final String first;
    private final String second;

    public DiffCommand(ParsedArgs args) {
        this.format = args.value("--format");
        this.first = args.positional(0);
        this.second = args.positional(1);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        DiffReport report;
        try (ImageInput a = ImageInput.open(store, first); ImageInput b = ImageInput.open(store, second)) {
            report = ImageDiff.compare(a, b);
        }
        if (format == Format.json) {
            context.out().println(DiffJson.render(report));
        } else {
            context.out().print(DiffText.render(report));
        }
        return ExitCode.OK;
    }
}
