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
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.Reference;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code jbuild images}: Docker's image list, one row per tag, untagged images as {@code <none>}. */
public final class ImagesCommand extends StoreCommand {

    enum Format { table, json }

    static final OptionSpec<Format> FORMAT = OptionSpec.single(Converters.oneOf(Format.values()), "--format")
            .withLabel("FORMAT").withDefault(Format.table)
            .withDescription("Output format: table, json (default: table); json is one object per line.");
    static final OptionSpec<Boolean> QUIET = OptionSpec.flag("-q", "--quiet")
            .withDescription("Only show image IDs.");
    static final OptionSpec<Boolean> NO_TRUNC = OptionSpec.flag("--no-trunc")
            .withDescription("Show full image IDs.");
    static final PositionalSpec REPOSITORY = PositionalSpec.optional("REPOSITORY[:TAG]")
            .withDescription("Only images of this repository (and tag).");

    public static final CommandSpec SPEC = CommandSpec.of("images", "List images.")
            .withOptions(FORMAT, QUIET, NO_TRUNC)
            .withPositionals(REPOSITORY);

    private final Format format;
    private final boolean quiet;
    private final boolean noTrunc;
    private final String filter;

    public ImagesCommand(ParsedArgs args) {
        this.format = args.value(FORMAT);
        this.quiet = args.flag(QUIET);
        this.noTrunc = args.flag(NO_TRUNC);
        this.filter = args.positional(REPOSITORY);
    }

    /** One line of the listing. */
    private record Row(String repository, String tag, String digest, ImageRecord image, long size) {
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        Reference wanted = filter == null ? null : Reference.parseNormalized(filter);
        List<Row> rows = new ArrayList<>();
        for (ImageRecord image : store.list()) {
            rows.addAll(rows(image, store.layerSizes().total(image)));
        }
        if (wanted != null) {
            rows.removeIf(row -> !matches(row, wanted));
        }
        Instant now = Instant.now();
        if (quiet) {
            rows.forEach(row -> context.out().println(id(row.image())));
        } else if (format == Format.json) {
            rows.forEach(row -> context.out().println(CanonicalJson.write(json(row, now))));
        } else {
            TabTable table = new TabTable().row("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
            rows.forEach(row -> table.row(row.repository(), row.tag(), id(row.image()),
                    DockerFormat.createdSince(row.image().config().created(), now),
                    DockerFormat.humanSize(row.size())));
            table.print(context.out());
        }
        return ExitCode.OK;
    }

    /** A row per tag; a repository known only by digest gets a {@code <none>} tag; no reference at all, {@code <none> <none>}. */
    private static List<Row> rows(ImageRecord image, long size) {
        List<Row> rows = new ArrayList<>();
        for (Reference ref : image.references()) {
            if (ref.isTagged() && !ref.isDigested()) {
                rows.add(new Row(ref.familiarName(), ref.tag(), "<none>", image, size));
            }
        }
        for (Reference ref : image.references()) {
            if (ref.isDigested() && rows.stream().noneMatch(r -> r.repository().equals(ref.familiarName()))) {
                rows.add(new Row(ref.familiarName(), "<none>", ref.digest().value(), image, size));
            }
        }
        if (rows.isEmpty()) {
            rows.add(new Row("<none>", "<none>", "<none>", image, size));
        }
        return rows;
    }

    private static boolean matches(Row row, Reference wanted) {
        if (row.repository().equals("<none>")) {
            return false;
        }
        Reference rowRef = Reference.parseNormalized(row.repository());
        return rowRef.name().equals(wanted.name()) && (wanted.tag() == null || wanted.tag().equals(row.tag()));
    }

    private String id(ImageRecord image) {
        return noTrunc ? image.id().value() : image.shortId();
    }

    private ObjectNode json(Row row, Instant now) {
        ImageRecord image = row.image();
        ObjectNode obj = CanonicalJson.object();
        obj.put("Containers", "N/A");
        obj.put("CreatedAt", DockerFormat.goTimeString(image.config().created()));
        obj.put("CreatedSince", DockerFormat.createdSince(image.config().created(), now));
        obj.put("Digest", row.digest());
        obj.put("ID", id(image));
        obj.put("Repository", row.repository());
        obj.put("SharedSize", "N/A");
        obj.put("Size", DockerFormat.humanSize(row.size()));
        obj.put("Tag", row.tag());
        obj.put("UniqueSize", "N/A");
        obj.put("VirtualSize", DockerFormat.humanSize(row.size()));
        return obj;
    }
}
