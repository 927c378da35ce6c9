package dev.jbuild.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild images}: Docker's image list, one row per tag, untagged images as {@code <none>}. */
public final class ImagesCommand extends StoreCommand {

    /** The header row of {@code --format 'table ...'}: Docker's column titles, by field. */
    private static final ObjectNode HEADER = header("Containers", "CONTAINERS", "CreatedAt", "CREATED AT",
            "CreatedSince", "CREATED", "Digest", "DIGEST", "ID", "IMAGE ID", "Repository", "REPOSITORY",
            "SharedSize", "SHARED SIZE", "Size", "SIZE", "Tag", "TAG", "UniqueSize", "UNIQUE SIZE",
            "VirtualSize", "VIRTUAL SIZE");

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("images", "List images.");
        Commands.options(spec,
                Args.value("FORMAT", "--format").defaultValue("table")
                        .description("Output format: table, json (one object per line), a Go template "
                                + "('{{.Repository}}:{{.Tag}}') or 'table TEMPLATE' (default: table)."),
                Args.flag("-q", "--quiet").description("Only show image IDs."),
                Args.flag("--no-trunc").description("Show full image IDs."));
        spec.addPositional(Args.optional(0, "REPOSITORY[:TAG]").description("Only images of this repository (and tag).")
                .build());
        return spec;
    }

    private final FormatOption format;
    private final boolean quiet;
    private final boolean noTrunc;
    private final String filter;

    public ImagesCommand(ParsedArgs args) {
        this.format = FormatOption.parse(args.value("--format"));
        this.quiet = args.flag("--quiet");
        this.noTrunc = args.flag("--no-trunc");
        this.filter = args.positional(0);
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
        } else if (format.isTemplate()) {
            List<ObjectNode> items = new ArrayList<>();
            rows.forEach(row -> items.add(json(row, now)));
            format.print(items, HEADER, context.out());
        } else if (format.kind() == FormatOption.Kind.JSON) {
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

    static ObjectNode header(String... fieldsAndTitles) {
        ObjectNode header = CanonicalJson.object();
        for (int i = 0; i < fieldsAndTitles.length; i += 2) {
            header.put(fieldsAndTitles[i], fieldsAndTitles[i + 1]);
        }
        return header;
    }
}
