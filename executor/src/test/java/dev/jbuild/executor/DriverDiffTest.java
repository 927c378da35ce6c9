package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.Change;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.platform.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both storage drivers, given the same lowers and the same change, must produce the same layer
 * tar, byte for byte (mtimes clamped so that the two runs' clocks do not matter).
 */
class DriverDiffTest {
    @TempDir
    Path temp;
    private ExecutorLayout layout;
    private Path base;

    interface Mutation {
        void apply(Path rootfs) throws IOException;
    }

    private static Mutation sh(String command) {
        return rootfs -> TestTrees.sh(rootfs, command);
    }

    @BeforeEach
    void createBase() throws IOException {
        layout = new ExecutorLayout(temp.resolve("executor"));
        base = Files.createDirectory(temp.resolve("base"));
        Path data = Files.createDirectory(base.resolve("data"));
        TestTrees.write(data.resolve("file.txt"), "hello\n");
        TestTrees.write(data.resolve("same-size.txt"), "abcd");
        TestTrees.write(data.resolve("mode.txt"), "mode\n");
        TestTrees.write(data.resolve("owner.txt"), "owner\n");
        TestTrees.write(data.resolve("gone.txt"), "gone\n");
        TestTrees.write(data.resolve("dir/a"), "a\n");
        TestTrees.write(data.resolve("dir/b"), "b\n");
        TestTrees.write(data.resolve("todir/inner"), "inner\n");
        TestTrees.write(data.resolve("tofile"), "tofile\n");
        TestTrees.write(data.resolve("rename-me"), "rename\n");
        TestTrees.write(data.resolve("movedir/x"), "x\n");
        TestTrees.write(data.resolve("xattr.txt"), "xattr\n");
        TestTrees.write(data.resolve("opq/x"), "x\n");
        TestTrees.write(data.resolve("opq/y"), "y\n");
        TestTrees.setWholeSecondTimes(base);
    }

    @AfterEach
    void noMountsLeft() throws IOException {
        assertEquals(List.of(), MountTable.under(temp));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("create", sh("echo new > data/new.txt"), List.of("data/", "data/new.txt")),
                Arguments.of("modify", sh("echo more >> data/file.txt"), List.of("data/", "data/file.txt")),
                Arguments.of("modify keeping size and mtime",
                        sh("printf ABCD | dd of=data/same-size.txt conv=notrunc 2>/dev/null"
                                + " && touch -d @" + TestTrees.EPOCH_SECONDS + " data/same-size.txt"),
                        List.of("data/", "data/same-size.txt")),
                Arguments.of("chmod", sh("chmod 600 data/mode.txt"), List.of("data/", "data/mode.txt")),
                Arguments.of("chown", sh("chown 1000:1000 data/owner.txt"), List.of("data/", "data/owner.txt")),
                Arguments.of("delete file", sh("rm data/gone.txt"), List.of("data/", "data/.wh.gone.txt")),
                Arguments.of("delete directory", sh("rm -r data/dir"), List.of("data/", "data/.wh.dir")),
                Arguments.of("replace directory by file", sh("rm -r data/todir && echo f > data/todir"),
                        List.of("data/", "data/todir")),
                Arguments.of("replace file by directory",
                        sh("rm data/tofile && mkdir data/tofile && echo x > data/tofile/inner"),
                        List.of("data/", "data/tofile/", "data/tofile/inner")),
                Arguments.of("rename file", sh("mv data/rename-me data/renamed"),
                        List.of("data/", "data/.wh.rename-me", "data/renamed")),
                Arguments.of("rename directory", sh("mv data/movedir data/moved"),
                        List.of("data/", "data/.wh.movedir", "data/moved/", "data/moved/x")),
                Arguments.of("hardlinks", sh("ln data/file.txt data/link-to-lower && echo a > data/h1 && ln data/h1 data/h2"),
                        List.of("data/", "data/h1", "data/h2", "data/link-to-lower")),
                Arguments.of("symlink", sh("ln -s file.txt data/symlink"), List.of("data/", "data/symlink")),
                Arguments.of("xattr", (Mutation) rootfs -> Xattrs.set(rootfs.resolve("data/xattr.txt"), "user.comment",
                        "hi".getBytes(StandardCharsets.US_ASCII)), List.of("data/", "data/xattr.txt")),
                Arguments.of("copied up but unchanged", sh("touch -c -d @" + TestTrees.EPOCH_SECONDS + " data/file.txt"),
                        List.of()),
                Arguments.of("nothing", sh("cat data/file.txt > /dev/null"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void overlayAndVfsWriteTheSameLayer(String name, Mutation mutation, List<String> expectedNames) throws Exception {
        byte[] overlay = layer(new OverlayDriver(layout.overlay()), List.of(base), mutation);
        byte[] vfs = layer(new VfsDriver(layout.vfs()), List.of(base), mutation);

        assertEquals(TarListing.entries(vfs), TarListing.entries(overlay));
        assertEquals(sorted(expectedNames), sorted(TarListing.names(overlay)));
        assertEquals(sha256(vfs), sha256(overlay));
    }

    @Test
    void hardlinkedNewFilesAreWrittenAsALinkAndXattrsAreRecorded() throws Exception {
        byte[] overlay = layer(new OverlayDriver(layout.overlay()), List.of(base), rootfs -> {
            TestTrees.sh(rootfs, "echo a > data/h1 && ln data/h1 data/h2");
            Xattrs.set(rootfs.resolve("data/xattr.txt"), "user.comment", "hi".getBytes(StandardCharsets.US_ASCII));
        });
        List<String> entries = TarListing.entries(overlay);
        assertTrue(entries.contains("1 data/h2 644 0:0 -> data/h1"), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("0 data/xattr.txt ") && e.endsWith("{user.comment=hi}")),
                entries.toString());
    }

    @Test
    void directoryRecreatedEmptyIsOpaqueOnOverlayAndWhiteoutsOnVfsWithTheSameResult() throws Exception {
        Mutation recreate = sh("rm -r data/opq && mkdir data/opq && echo n > data/opq/new");
        byte[] overlay = layer(new OverlayDriver(layout.overlay()), List.of(base), recreate);
        byte[] vfs = layer(new VfsDriver(layout.vfs()), List.of(base), recreate);

        assertEquals(List.of("data/", "data/opq/", "data/opq/.wh..wh..opq", "data/opq/new"),
                sorted(TarListing.names(overlay)));
        assertEquals(List.of("data/", "data/opq/", "data/opq/.wh.x", "data/opq/.wh.y", "data/opq/new"),
                sorted(TarListing.names(vfs)));
        assertEquals(TreeListing.of(applied(overlay, "overlay-result")), TreeListing.of(applied(vfs, "vfs-result")));
        assertEquals(List.of("new"), listNames(temp.resolve("overlay-result/data/opq")));
    }

    @Test
    void lowersInOverlayFormatAreMergedWithTheirWhiteoutsAndOpaqueDirectories() throws Exception {
        Path upperLayer = Files.createDirectories(temp.resolve("layer2/data"));
        OverlayFormat.makeWhiteout(upperLayer.resolve("gone.txt"));
        Path opaque = Files.createDirectory(upperLayer.resolve("opq"));
        TestTrees.write(opaque.resolve("only"), "only\n");
        OverlayFormat.markOpaque(opaque);
        List<Path> lowers = List.of(base, temp.resolve("layer2"));

        for (StorageDriver driver : List.of(new OverlayDriver(layout.overlay()), new VfsDriver(layout.vfs()))) {
            try (Workspace workspace = driver.prepare(lowers)) {
                Path data = workspace.rootfs().resolve("data");
                assertEquals(false, TreeListing.exists(data.resolve("gone.txt")), driver.name());
                assertEquals(List.of("only"), listNames(data.resolve("opq")), driver.name());
                assertEquals(List.of(), workspace.changes(), driver.name());
                TestTrees.sh(workspace.rootfs(), "echo again > data/gone.txt && echo x > data/opq/x");
                assertEquals(List.of(Change.modified("data"), Change.added("data/gone.txt"),
                        Change.modified("data/opq"), Change.added("data/opq/x")), workspace.changes(), driver.name());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void savedDiffStacksAsALowerDirectoryShowingTheSameTree(String driverName) throws Exception {
        StorageDriver driver = driverNamed(driverName);
        List<String> expected;
        Path saved = temp.resolve("saved");
        try (Workspace workspace = driver.prepare(List.of(base))) {
            TestTrees.sh(workspace.rootfs(), "rm -r data/dir data/gone.txt && rm -r data/opq && mkdir data/opq"
                    + " && echo n > data/opq/new && echo more >> data/file.txt && ln -s file.txt data/link"
                    + " && chown 1000:1000 data/owner.txt && mkdir -p new/deep && echo d > new/deep/file");
            expected = TreeListing.of(workspace.rootfs());
            workspace.changes();
            workspace.saveDiff(saved);
        }
        try (Workspace next = driver.prepare(List.of(base, saved))) {
            assertEquals(expected, TreeListing.of(next.rootfs()));
            assertEquals(List.of(), next.changes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void scratchWorkspaceStartsEmptyAndReportsEverythingAdded(String driverName) throws Exception {
        try (Workspace workspace = driverNamed(driverName).prepare(List.of())) {
            assertEquals(List.of(), listNames(workspace.rootfs()));
            TestTrees.sh(workspace.rootfs(), "mkdir etc && echo x > etc/x");
            assertEquals(List.of(Change.added("etc"), Change.added("etc/x")), workspace.changes());
        }
    }

    @Test
    void closingAnOverlayWorkspaceUnmountsAndRemovesIt() throws Exception {
        Workspace workspace = new OverlayDriver(layout.overlay()).prepare(List.of(base));
        Path rootfs = workspace.rootfs();
        assertTrue(MountTable.isMountPoint(rootfs));
        workspace.close();
        workspace.close();
        assertEquals(List.of(), MountTable.under(temp));
        assertEquals(List.of(), listNames(layout.overlay()));
    }

    static Stream<String> drivers() {
        return Stream.of(OverlayDriver.NAME, VfsDriver.NAME);
    }

    private StorageDriver driverNamed(String name) {
        return name.equals(OverlayDriver.NAME) ? new OverlayDriver(layout.overlay()) : new VfsDriver(layout.vfs());
    }

    private static byte[] layer(StorageDriver driver, List<Path> lowers, Mutation mutation) throws Exception {
        try (Workspace workspace = driver.prepare(lowers)) {
            mutation.apply(workspace.rootfs());
            List<Change> changes = workspace.changes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LayerWriter.of(new WriterOptions(0L)).writeChanges(workspace.diffRoot(), changes, out);
            return out.toByteArray();
        }
    }

    private Path applied(byte[] layer, String name) throws Exception {
        Path target = temp.resolve(name);
        TestTrees.sh(temp, "cp -a base " + name);
        LayerApplier.of(ApplyOptions.defaults()).apply(new ByteArrayInputStream(layer), target);
        return target;
    }

    static List<String> listNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> children = Files.list(dir)) {
            children.forEach(child -> names.add(child.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
