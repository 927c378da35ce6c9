package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.DiffReport;
import dev.jbuild.analysis.ImageDiff;
import dev.jbuild.analysis.ImageInput;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import java.io.IOException;

/** {@code jbuild diff A B [--format text|json]}: files, config and layers that differ between two images. */
public final class DiffCommand extends StoreCommand {
    enum Format { text, json }

    static final OptionSpec<Format> FORMAT = OptionSpec.single(Converters.oneOf(Format.values()), "--format")
            .withLabel("FORMAT").withDefault(Format.text)
            .withDescription("Output format: text or json (default: text).");
    static final PositionalSpec FIRST = PositionalSpec.required("A")
            .withDescription("Image name, ID, or archive file (save, docker save, OCI archive).");
    static final PositionalSpec SECOND = PositionalSpec.required("B").withDescription("The image to compare it with.");

    public static final CommandSpec SPEC = CommandSpec.of("diff",
                    "Show the files (content, mode, owner, link target, xattrs), config and layers that differ "
                            + "between two images.")
            .withOptions(FORMAT)
            .withPositionals(FIRST, SECOND);

    private final Format format;
    private final String first;
    private final String second;

    public DiffCommand(ParsedArgs args) {
        this.format = args.value(FORMAT);
        this.first = args.positional(FIRST);
        this.second = args.positional(SECOND);
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
