package dev.jbuild.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild history IMAGE}: the image's history, newest first, as {@code docker history} shows it.
 * The image's own ID stands on the newest line; older steps are {@code <missing>}, as for any image
 * built by BuildKit or loaded.
 */
public final class HistoryCommand extends StoreCommand {
    private static final int CREATED_BY_WIDTH = 45;

    private static final ObjectNode HEADER = ImagesCommand.header("Comment", "COMMENT", "CreatedAt", "CREATED AT",
            "CreatedBy", "CREATED BY", "CreatedSince", "CREATED", "ID", "IMAGE", "Size", "SIZE");

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("history", "Show the history of an image.");
        Commands.options(spec,
                Args.flag("--no-trunc").description("Do not truncate output."),
                // a value option, as in Docker (-H=false), not a flag
                Args.value(Boolean.class, Converters.BOOLEAN, "<human>", "-H", "--human").defaultValue("true")
                        .description("Print sizes and dates in human readable format (default: true)."),
                Args.flag("-q", "--quiet").description("Only show image IDs."),
                Args.value("FORMAT", "--format").defaultValue("table")
                        .description("Output format: table, json (one object per line), a Go template "
                                + "('{{.CreatedBy}}') or 'table TEMPLATE' (default: table)."));
        spec.addPositional(Args.required(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, reference or ID (prefix).").build());
        return spec;
    }

    private final boolean noTrunc;
    private final boolean human;
    private final boolean quiet;
    private final FormatOption format;
    private final String image;

    public HistoryCommand(ParsedArgs args) {
        this.noTrunc = args.flag("--no-trunc");
        this.human = args.flag("--human");
        this.quiet = args.flag("--quiet");
        this.format = FormatOption.parse(args.value("--format"));
        this.image = args.positional(0);
    }

    /** One history line with the size of the layer it made (0 for config-only steps). */
    private record Line(String id, HistoryEntry entry, long size) {
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        ImageRecord record = store.image(image);
        List<Line> lines = lines(record, store.layerSizes().of(record));
        Instant now = Instant.now();
        if (quiet) {
            lines.forEach(line -> context.out().println(line.id()));
            return ExitCode.OK;
        }
        if (format.kind() == FormatOption.Kind.JSON || format.isTemplate()) {
            List<ObjectNode> items = new ArrayList<>();
            for (Line line : lines) {
                ObjectNode obj = CanonicalJson.object();
                obj.put("Comment", line.entry().comment());
                obj.put("CreatedAt", DockerFormat.rfc3339(line.entry().created()));
                obj.put("CreatedBy", createdBy(line.entry()));
                obj.put("CreatedSince", DockerFormat.createdSince(line.entry().created(), now));
                obj.put("ID", line.id());
                obj.put("Size", size(line.size()));
                items.add(obj);
            }
            if (format.isTemplate()) {
                format.print(items, HEADER, context.out());
            } else {
                items.forEach(item -> context.out().println(CanonicalJson.write(item)));
            }
            return ExitCode.OK;
        }
        TabTable table = new TabTable().row("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (Line line : lines) {
            table.row(line.id(), human ? DockerFormat.createdSince(line.entry().created(), now)
                    : DockerFormat.rfc3339(line.entry().created()), createdBy(line.entry()), size(line.size()),
                    line.entry().comment());
        }
        table.print(context.out());
        return ExitCode.OK;
    }

    /** @param layerSizes the image's layer sizes as Docker counts them, bottom first */
    private List<Line> lines(ImageRecord record, List<Long> layerSizes) {
        List<HistoryEntry> history = record.config().history();
        List<Line> oldestFirst = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry entry : history) {
            long size = 0;
            if (!entry.emptyLayer()) {
                size = layer < layerSizes.size() ? layerSizes.get(layer) : 0;
                layer++;
            }
            oldestFirst.add(new Line("<missing>", entry, size));
        }
        List<Line> newestFirst = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            newestFirst.add(oldestFirst.get(i));
        }
        if (!newestFirst.isEmpty()) {
            Line top = newestFirst.get(0);
            String id = noTrunc ? record.id().value() : record.shortId();
            newestFirst.set(0, new Line(id, top.entry(), top.size()));
        }
        return newestFirst;
    }

    private String createdBy(HistoryEntry entry) {
        String text = entry.createdBy().replace('\t', ' ');
        return noTrunc ? text : DockerFormat.ellipsis(text, CREATED_BY_WIDTH);
    }

    private String size(long bytes) {
        return human ? DockerFormat.humanSize(bytes) : Long.toString(bytes);
    }
}
