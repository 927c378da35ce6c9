package dev.jbuild.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store commands through the real command line, on a temporary store. */
class StoreCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    @TempDir
    Path scratch;

    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    private Result run(String... args) {
        return runWithStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    private Result runWithStdin(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        int exit = new Cli(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path rootfs() throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("rootfs"));
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/sh"), "#!/bin/true\n");
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/hostname"), "jbuild\n");
        return dir;
    }

    private String importDir(String reference, String... changes) throws IOException {
        List<String> args = new ArrayList<>(List.of("import"));
        for (String change : changes) {
            args.add("--change");
            args.add(change);
        }
        args.add(rootfs().toString());
        args.add(reference);
        Result result = run(args.toArray(String[]::new));
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().matches("sha256:[0-9a-f]{64}\n"), result.out());
        return result.out().trim();
    }

    private static List<String> tarListing(Path tar) throws Exception {
        Process process = new ProcessBuilder("tar", "-tf", tar.toString()).start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        return Arrays.stream(listing.split("\n")).sorted().toList();
    }

    @Test
    void importPrintsTheIdAndImagesListsTheImageLikeDocker() throws IOException {
        String id = importDir("imported:1.0");
        Result images = run("images");
        assertEquals(0, images.exit(), images.err());
        List<String> lines = images.lines();
        assertEquals(2, lines.size(), images.out());
        assertTrue(lines.get(0).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE"), lines.get(0));
        assertTrue(lines.get(0).startsWith("REPOSITORY   TAG       IMAGE ID       CREATED"), lines.get(0));
        String[] cells = lines.get(1).split(" {2,}");
        assertEquals("imported", cells[0]);
        assertEquals("1.0", cells[1]);
        assertEquals(id.substring(7, 19), cells[2]);
        assertTrue(cells[3].endsWith(" ago"), cells[3]);
        assertEquals("19B", cells[4], "the two files' bytes, as Docker counts an image");
        assertEquals(id.substring(7, 19) + "\n", run("images", "-q").out());
        assertEquals(id + "\n", run("images", "-q", "--no-trunc").out());
    }

    @Test
    void imagesJsonIsOneObjectPerLine() throws IOException {
        String id = importDir("app");
        Result result = run("images", "--format", "json");
        JsonNode row = JSON.readTree(result.out().trim());
        assertEquals("app", row.get("Repository").asText());
        assertEquals("latest", row.get("Tag").asText());
        assertEquals(id.substring(7, 19), row.get("ID").asText());
        assertEquals(List.of("Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository", "SharedSize",
                "Size", "Tag", "UniqueSize", "VirtualSize"), fieldNames(row));
    }

    @Test
    void inspectPrintsDockerShapedJsonWithTheChangesApplied() throws IOException {
        String id = importDir("app:2", "CMD [\"sh\"]", "ENV A=b", "ENV B=\"$A c\"", "WORKDIR /x", "WORKDIR y",
                "USER u", "EXPOSE 80", "LABEL k=v", "VOLUME /data", "STOPSIGNAL SIGKILL", "ENTRYPOINT [\"/bin/x\"]");
        Result result = run("inspect", "app:2");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("[\n    {\n        \"Id\": \"" + id + "\",\n"), result.out());
        JsonNode image = JSON.readTree(result.out()).get(0);
        assertEquals(id, image.get("Id").asText());
        assertEquals("[\"app:2\"]", image.get("RepoTags").toString());
        assertEquals("linux", image.get("Os").asText());
        JsonNode config = image.get("Config");
        assertEquals("[\"sh\"]", config.get("Cmd").toString());
        assertEquals("[\"/bin/x\"]", config.get("Entrypoint").toString());
        assertEquals("[\"A=b\",\"B=b c\"]", config.get("Env").toString());
        assertEquals("/x/y", config.get("WorkingDir").asText());
        assertEquals("u", config.get("User").asText());
        assertEquals("{\"80/tcp\":{}}", config.get("ExposedPorts").toString());
        assertEquals("{\"k\":\"v\"}", config.get("Labels").toString());
        assertEquals("{\"/data\":{}}", config.get("Volumes").toString());
        assertEquals("SIGKILL", config.get("StopSignal").asText());
        assertEquals("layers", image.get("RootFS").get("Type").asText());
        assertEquals(1, image.get("RootFS").get("Layers").size());
        assertTrue(image.get("Comment").asText().startsWith("Imported from "));
        assertEquals("#!/bin/true\n".length() + "jbuild\n".length(), image.get("Size").asLong(),
                "Docker's Size: the content of the files, not the tar's bytes");
    }

    @Test
    void shellFormCmdAndEntrypointWithoutCmdFollowDocker() throws IOException {
        importDir("shell", "CMD echo hi");
        JsonNode config = JSON.readTree(run("inspect", "shell").out()).get(0).get("Config");
        assertEquals("[\"/bin/sh\",\"-c\",\"echo hi\"]", config.get("Cmd").toString());
        importDir("entry", "ENTRYPOINT [\"/init\"]");
        JsonNode entry = JSON.readTree(run("inspect", "entry").out()).get(0).get("Config");
        assertFalse(entry.has("Cmd"));
    }

    @Test
    void inspectOfAMissingImagePrintsWhatItFoundAndFails() throws IOException {
        importDir("present");
        Result result = run("inspect", "present", "nope");
        assertEquals(1, result.exit());
        assertEquals(1, JSON.readTree(result.out()).size());
        assertEquals("jbuild: No such image: nope:latest\n", result.err());
    }

    @Test
    void changesMeanWhatTheyMeanInADockerfile() throws IOException {
        importDir("changed", "ENV A=b", "ENV B=${A}c", "EXPOSE 8080 80", "WORKDIR app", "CMD [\"x\"]");
        JsonNode config = JSON.readTree(run("inspect", "changed").out()).get(0).get("Config");
        assertTrue(config.get("Env").toString().contains("\"A=b\",\"B=bc\""), config.toString());
        assertEquals("[\"80/tcp\",\"8080/tcp\"]", JSON.writeValueAsString(iterableFieldNames(config.get("ExposedPorts"))));
        assertEquals("/app", config.get("WorkingDir").asText());
        assertEquals("[\"x\"]", config.get("Cmd").toString());
    }

    @Test
    void anInvalidChangeValueIsSaidAtItsChange() throws IOException {
        Result result = run("import", "--change", "EXPOSE 80/xyz", rootfs().toString(), "x");
        assertEquals(1, result.exit());
        assertEquals(List.of("--change:1:1: invalid proto: xyz", "  EXPOSE 80/xyz", "  ^"), result.err().lines().toList());
        assertEquals("", run("images", "-q").out());
    }

    private static List<String> iterableFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void invalidChangeIsRefusedWithDockersMessage() throws IOException {
        Result result = run("import", "--change", "RUN echo no", rootfs().toString(), "x");
        assertEquals(1, result.exit());
        assertEquals("jbuild: run is not a valid change command\n", result.err());
        assertEquals("", run("images", "-q").out());
    }

    @Test
    void historyShowsTheImportEntryWithTheImageId() throws IOException {
        String id = importDir("hist", "CMD [\"sh\"]");
        Result result = run("history", "hist");
        assertEquals(0, result.exit(), result.err());
        List<String> lines = result.lines();
        assertEquals(2, lines.size(), result.out());
        assertTrue(lines.get(0).matches("IMAGE +CREATED +CREATED BY +SIZE +COMMENT"), lines.get(0));
        assertTrue(lines.get(1).startsWith(id.substring(7, 19) + "   "), lines.get(1));
        assertTrue(lines.get(1).contains("Imported from " + scratch.resolve("rootfs")), lines.get(1));
        assertTrue(lines.get(1).matches(".*  19B +Imported from .*"), "the files' 19 bytes: " + lines.get(1));
        Result json = run("history", "--format", "json", "--no-trunc", "hist");
        JsonNode row = JSON.readTree(json.out().trim());
        assertEquals(id, row.get("ID").asText());
        assertEquals("", row.get("CreatedBy").asText());
    }

    @Test
    void tagAndRmiUntagThenDelete() throws IOException {
        String id = importDir("first");
        assertEquals(0, run("tag", "first", "second:v1").exit());
        assertEquals(2, run("images", "-q").lines().size());
        Result untag = run("rmi", "first");
        assertEquals(0, untag.exit(), untag.err());
        assertEquals("Untagged: first:latest\n", untag.out());
        Result delete = run("rmi", "second:v1");
        assertEquals("Untagged: second:v1\nDeleted: " + id + "\n", delete.out());
        assertEquals("", run("images", "-q").out());
    }

    @Test
    void rmiOfAMissingImageReportsItAndGoesOn() throws IOException {
        importDir("kept");
        importDir("gone");
        Result result = run("rmi", "missing", "gone");
        assertEquals(1, result.exit());
        assertEquals("jbuild: No such image: missing:latest\n", result.err());
        assertTrue(result.out().startsWith("Untagged: gone:latest\n"), result.out());
        assertEquals(1, run("images", "-q").lines().size());
    }

    @Test
    void rmiOfAnUnknownIdNamesTheIdAsGiven() throws IOException {
        importDir("kept");
        Result result = run("rmi", "0123456789ab");
        assertEquals(1, result.exit());
        assertEquals("jbuild: No such image: 0123456789ab\n", result.err());
    }

    @Test
    void rmiByIdOfAnImageInTwoRepositoriesNeedsForce() throws IOException {
        String id = importDir("one");
        run("tag", "one", "two");
        Result refused = run("rmi", id.substring(7, 19));
        assertEquals(1, refused.exit());
        assertEquals("jbuild: conflict: unable to delete " + id.substring(7, 19)
                + " (must be forced) - image is referenced in multiple repositories\n", refused.err());
        Result forced = run("rmi", "-f", id.substring(7, 19));
        assertEquals("Untagged: one:latest\nUntagged: two:latest\nDeleted: " + id + "\n", forced.out());
    }

    @Test
    void tagToAnInvalidNameFailsWithTheReferenceError() throws IOException {
        importDir("ok");
        Result result = run("tag", "ok", "Bad");
        assertEquals(1, result.exit());
        assertEquals("jbuild: invalid reference format: repository name (library/Bad) must be lowercase\n",
                result.err());
    }

    @Test
    void gzipTarballFromGnuTarAndFromStdinImportAndExportBack() throws Exception {
        Path dir = rootfs();
        Path tarball = scratch.resolve("rootfs.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", dir.toString(), "bin", "etc").start();
        assertEquals(0, tar.waitFor());
        Result fromFile = run("import", tarball.toString(), "gz:file");
        assertEquals(0, fromFile.exit(), fromFile.err());
        Result fromStdin = runWithStdin(Files.newInputStream(tarball), "import", "-", "gz:stdin");
        assertEquals(0, fromStdin.exit(), fromStdin.err());
        JsonNode both = JSON.readTree(run("inspect", "gz:file", "gz:stdin").out());
        assertEquals(both.get(0).get("RootFS"), both.get(1).get("RootFS"), "same tarball, same layer");
        assertEquals("Imported from -", both.get(1).get("Comment").asText());
        Path exported = scratch.resolve("out.tar");
        Result export = run("export", "-o", exported.toString(), "gz:stdin");
        assertEquals(0, export.exit(), export.err());
        assertEquals(List.of("bin/", "bin/sh", "etc/", "etc/hostname"), tarListing(exported));
        try (Stream<Path> files = Files.list(scratch)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".out.tar.jbuild")),
                    "no temp file left beside the export");
        }
    }

    @Test
    void systemCheckIsCleanOnAGoodStoreAndFailsOnABrokenOne() throws IOException {
        String id = importDir("checked");
        Result clean = run("system", "check");
        assertEquals(0, clean.exit(), clean.out() + clean.err());
        // the layer is kept as its snapshot and a tar split, and checked reassembled
        assertEquals("checked 3 blobs, 1 images, 1 references, 1 snapshots: no problems\n", clean.out());
        Files.delete(root.resolve("blobs/sha256/" + id.substring(7)));
        Result broken = run("system", "check");
        assertEquals(1, broken.exit());
        assertEquals("config " + id + " of image " + id.substring(7, 19) + " is missing\n"
                + "checked 2 blobs, 1 images, 1 references, 1 snapshots: 1 problem\n", broken.out());
    }

    @Test
    void pruneRemovesUntaggedImagesAndReportsSpace() throws IOException {
        String old = importDir("app");
        Files.writeString(scratch.resolve("rootfs/etc/hostname"), "changed\n");
        Result second = run("import", scratch.resolve("rootfs").toString(), "app");
        assertEquals(0, second.exit(), second.err());
        assertEquals(2, run("images", "-q").lines().size());
        Result prune = run("prune");
        assertEquals(0, prune.exit(), prune.err());
        assertTrue(prune.out().startsWith("Deleted Images:\ndeleted: " + old + "\n\n"), prune.out());
        assertTrue(prune.out().contains("Total reclaimed space: "), prune.out());
        assertEquals(List.of(second.out().trim().substring(7, 19)), run("images", "-q").lines());
        assertEquals(0, run("system", "check").exit());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void inspectFormatPrintsEachImageThroughItsTemplate() throws IOException {
        String id = importDir("app:1", "ENV A=1", "LABEL k=v", "CMD [\"sh\"]");
        run("tag", "app:1", "app:2");
        Result result = run("inspect", "-f", "{{.Id}} {{.Config.Env}} {{index .Config.Labels \"k\"}} "
                + "{{json .Config.Cmd}} {{range .RepoTags}}{{.}},{{end}} {{if .Config.Entrypoint}}ep{{else}}-{{end}}",
                "app:1");
        assertEquals(0, result.exit(), result.err());
        assertEquals(id + " [A=1] v [\"sh\"] "
                + "app:1,app:2, -\n", result.out());
        Result bad = run("inspect", "--format", "{{.Id", "app:1");
        assertEquals(1, bad.exit());
        assertEquals("jbuild: --format: template: 1:1: unclosed action\n", bad.err());
    }

    @Test
    void imagesAndHistoryFormatsAreGoTemplatesAndTables() throws IOException {
        importDir("app:1");
        Result names = run("images", "--format", "{{.Repository}}:{{.Tag}}");
        assertEquals("app:1\n", names.out());
        Result table = run("images", "--format", "table {{.Repository}}\\t{{.Tag}}");
        assertEquals("REPOSITORY   TAG\napp          1\n", table.out());
        Result history = run("history", "--format", "{{upper .ID}} {{.Size}}", "app:1");
        assertEquals(0, history.exit(), history.err());
        assertTrue(history.out().matches("[0-9A-F]{12} \\S+B\n"), history.out());
        Result historyTable = run("history", "--format", "table {{.CreatedBy}}", "app:1");
        assertTrue(historyTable.out().startsWith("CREATED BY\n"), historyTable.out());
    }
}
