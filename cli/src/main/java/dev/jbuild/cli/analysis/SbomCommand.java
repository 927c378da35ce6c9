package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.ImageInput;
import dev.jbuild.analysis.sbom.SbomArtifacts;
import dev.jbuild.analysis.sbom.SbomFormat;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild sbom IMAGE [--format cyclonedx-json|spdx-json] [-o FILE]}: the packages of an image.
 * The SBOM stored with the image ({@code build --sbom}, or loaded with it) is printed as it is; otherwise
 * the image is scanned.
 */
public final class SbomCommand extends StoreCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("sbom",
                "List the packages of an image (dpkg, apk, Python, Node, Java) as a CycloneDX or SPDX document.");
        Commands.options(spec,
                Args.value("FORMAT", "--format").defaultValue("cyclonedx-json")
                        .completionCandidates(java.util.List.of("cyclonedx-json", "spdx-json"))
                        .description("cyclonedx-json (CycloneDX 1.6) or spdx-json (SPDX 2.3) (default: cyclonedx-json)."),
                Args.file("FILE", "-o", "--output").description("Write to FILE instead of stdout."),
                Args.flag("--rescan").description("Scan the image even when an SBOM is stored with it."));
        spec.addPositional(Args.required(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, ID, or archive file.").build());
        return spec;
    }

    private final String format;
    private final String output;
    private final boolean rescan;
    private final String image;

    public SbomCommand(ParsedArgs args) {
        this.format = args.value("--format");
        this.output = args.value("--output");
        this.rescan = args.flag("--rescan");
        this.image = args.positional(0);
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
