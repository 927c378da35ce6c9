package dev.jbuild.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.store.CanonicalJson;
import dev.jbuild.store.HistoryEntry;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jbuild history IMAGE}: the image's history, newest first, as {@code docker history} shows it.
 * The image's own ID stands on the newest line; older steps are {@code <missing>}, as for any image
 * built by BuildKit or loaded.
 */
public final class HistoryCommand extends StoreCommand {
    private static final int CREATED_BY_WIDTH = 45;

    enum Format { table, json }

    static final OptionSpec<Boolean> NO_TRUNC = OptionSpec.flag("--no-trunc")
            .withDescription("Do not truncate output.");
    /** A value option, as in Docker ({@code -H=false}), not a flag. */
    static final OptionSpec<Boolean> HUMAN = OptionSpec.single(Converters.BOOLEAN, "-H", "--human")
            .withLabel("<human>").withDefault(Boolean.TRUE)
            .withDescription("Print sizes and dates in human readable format (default: true).");
    static final OptionSpec<Boolean> QUIET = OptionSpec.flag("-q", "--quiet")
            .withDescription("Only show image IDs.");
    static final OptionSpec<Format> FORMAT = OptionSpec.single(Converters.oneOf(Format.values()), "--format")
            .withLabel("FORMAT").withDefault(Format.table)
            .withDescription("Output format: table, json (default: table); json is one object per line.");
    static final PositionalSpec IMAGE = PositionalSpec.required("IMAGE")
            .withDescription("Image name, reference or ID (prefix).");

    public static final CommandSpec SPEC = CommandSpec.of("history", "Show the history of an image.")
            .withOptions(NO_TRUNC, HUMAN, QUIET, FORMAT)
            .withPositionals(IMAGE);

    private final boolean noTrunc;
    private final boolean human;
    private final boolean quiet;
    private final Format format;
    private final String image;

    public HistoryCommand(ParsedArgs args) {
        this.noTrunc = args.flag(NO_TRUNC);
        this.human = args.flag(HUMAN);
        this.quiet = args.flag(QUIET);
        this.format = args.value(FORMAT);
        this.image = args.positional(IMAGE);
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
        if (format == Format.json) {
            for (Line line : lines) {
                ObjectNode obj = CanonicalJson.object();
                obj.put("Comment", line.entry().comment());
                obj.put("CreatedAt", DockerFormat.rfc3339(line.entry().created()));
                obj.put("CreatedBy", createdBy(line.entry()));
                obj.put("CreatedSince", DockerFormat.createdSince(line.entry().created(), now));
                obj.put("ID", line.id());
                obj.put("Size", size(line.size()));
                context.out().println(CanonicalJson.write(obj));
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
