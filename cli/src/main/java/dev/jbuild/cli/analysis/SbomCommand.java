package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.ImageInput;
import dev.jbuild.analysis.sbom.SbomArtifacts;
import dev.jbuild.analysis.sbom.SbomFormat;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code jbuild sbom IMAGE [--format cyclonedx-json|spdx-json] [-o FILE]}: the packages of an image.
 * The SBOM stored with the image ({@code build --sbom}, or loaded with it) is printed as it is; otherwise
 * the image is scanned.
 */
public final class SbomCommand extends StoreCommand {
    static final OptionSpec<String> FORMAT = OptionSpec.single("--format").withLabel("FORMAT")
            .withDefault("cyclonedx-json")
            .withDescription("cyclonedx-json (CycloneDX 1.6) or spdx-json (SPDX 2.3) (default: cyclonedx-json).");
    static final OptionSpec<String> OUTPUT = OptionSpec.single("-o", "--output").withLabel("FILE")
            .withDescription("Write to FILE instead of stdout.");
    static final OptionSpec<Boolean> RESCAN = OptionSpec.flag("--rescan")
            .withDescription("Scan the image even when an SBOM is stored with it.");
    static final PositionalSpec IMAGE = PositionalSpec.required("IMAGE")
            .withDescription("Image name, ID, or archive file.");

    public static final CommandSpec SPEC = CommandSpec.of("sbom",
                    "List the packages of an image (dpkg, apk, Python, Node, Java) as a CycloneDX or SPDX document.")
            .withOptions(FORMAT, OUTPUT, RESCAN)
            .withPositionals(IMAGE);

    private final String format;
    private final String output;
    private final boolean rescan;
    private final String image;

    public SbomCommand(ParsedArgs args) {
        this.format = args.value(FORMAT);
        this.output = args.value(OUTPUT);
        this.rescan = args.flag(RESCAN);
        this.image = args.positional(IMAGE);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        SbomFormat sbomFormat;
        try {
            sbomFormat = SbomFormat.fromLabel(format);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        byte[] document;
        try (ImageInput input = ImageInput.open(store, image)) {
            Optional<byte[]> stored = rescan ? Optional.empty()
                    : SbomArtifacts.find(input.store(), input.image(), sbomFormat);
            if (stored.isPresent()) {
                document = stored.get();
            } else {
                SbomArtifacts.Generated generated = SbomArtifacts.generate(input, sbomFormat);
                generated.warnings().forEach(warning -> context.err().println("jbuild: warning: " + warning));
                document = generated.document();
            }
        }
        if (output == null) {
            context.out().write(document);
            context.out().println();
            context.out().flush();
        } else {
            Files.write(Path.of(output), document);
        }
        return ExitCode.OK;
    }
}
