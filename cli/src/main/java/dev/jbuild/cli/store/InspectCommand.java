package dev.jbuild.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.Failures;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild inspect [--platform P] IMAGE...}: a JSON array shaped like {@code docker image inspect}; missing images fail after the rest are printed. */
public final class InspectCommand extends StoreCommand {

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("inspect", "Show images as Docker-shaped JSON.");
        spec.addOption(Args.value("TEMPLATE", "-f", "--format")
                .description("Print each image through a Go template ('{{.Id}}', '{{json .Config}}', "
                        + "'{{index .Config.Labels \"k\"}}') instead of the JSON array.").build());
        spec.addOption(Args.value("OS/ARCH[/VARIANT]", "--platform")
                .description("Inspect each name's image for this platform (one pulled from a multi-platform index).")
                .build());
        spec.addPositional(Args.oneOrMore(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, reference or ID (prefix).").build());
        return spec;
    }

    private final List<String> images;
    private final FormatOption format;
    private final String platform;

    public InspectCommand(ParsedArgs args) {
        this.images = args.positionals(0);
        this.platform = args.value("--platform");
        String template = args.value("--format");
        this.format = template == null || template.equals("json") ? null : FormatOption.parse(template);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        Platform wanted;
        try {
            wanted = platform == null ? null : Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        List<ImageRecord> found = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> errors = new ArrayList<>(); // lines to print, as the CLI says each failure
        for (String query : images) {
            try {
                ImageRecord image = wanted == null ? store.image(query) : store.image(query, wanted);
                sizes.add(store.layerSizes().total(image));
                found.add(image);
            } catch (StoreException | ImageSpecException e) {
                errors.add(Failures.line(e));
            }
        }
        if (format == null) {
            context.out().println(InspectJson.array(found, sizes));
        } else {
            List<ObjectNode> data = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                data.add(InspectJson.image(found.get(i), sizes.get(i)));
            }
            // Docker prints inspect's template output as it is, 'table' included
            new FormatOption(FormatOption.Kind.TEMPLATE, format.template()).print(data, null, InspectJson.ZERO_VALUES, context.out());
        }
        errors.forEach(context.err()::println);
        return errors.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
