package dev.jbuild.builder.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Times, owners from stages, hard links, extended attributes and the entry count. */
class CopyMetadataTest {
    @TempDir
    Path temp;

    private final DockerFileCopier copier = new DockerFileCopier(null);

    /**
     * The --chmod trap (moby/moby#49851): BuildKit (Docker 28.1 on, fsutil#228) gives the directories a copy
     * creates the --chmod mode too. jbuild does the same, and names the directories left unsearchable.
     */
    @Test
    void aChmodWithoutSearchBitsIsAppliedToCreatedDirectoriesAndNamesThem() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f config.yml c");
        Path target = temp.resolve("target");
        java.nio.file.Files.createDirectories(target.resolve("srv"));
        CopyResult result = copier.copy(CopyRequest.builder("/srv/app/conf/config.yml", target).fromContext(context)
                .source("config.yml").chmod("644").build());
        assertEquals(java.util.List.of("/srv/app", "/srv/app/conf"), result.unsearchableDirectories(),
                "/srv was there already and keeps its mode");
        assertEquals("""
                srv d 0755 0:0
                srv/app d 0644 0:0
                srv/app/conf d 0644 0:0
                srv/app/conf/config.yml f 0644 0:0 = c""".strip(), TreeFixture.list(target));
    }

    @Test
    void aChmodWithCapitalXOrWithoutReadLeavesNoDirectoryUnsearchable() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f src/a 1\nd src/sub\nf src/sub/b 2");
        for (String mode : new String[] {"u=rwX,go=rX", "755", "0600", "u=rw,go="}) {
            Path target = temp.resolve("target-" + mode.replace(',', '_').replace('=', '_'));
            CopyResult result = copier.copy(CopyRequest.builder("/opt/app/", target).fromContext(context).source("src")
                    .chmod(mode).build());
            boolean expected = mode.equals("0600") || mode.equals("u=rw,go=");
            assertEquals(expected, !result.unsearchableDirectories().isEmpty(), mode + ": " + result);
        }
        CopyResult without = copier.copy(CopyRequest.builder("/opt/app/", temp.resolve("plain")).fromContext(context)
                .source("src").build());
        assertEquals(java.util.List.of(), without.unsearchableDirectories(), "without --chmod there is no trap");
    }

    @Test
    void copiedDirectoriesAreNamedToo() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f src/a 1\nd src/sub\nf src/sub/b 2");
        CopyResult result = copier.copy(CopyRequest.builder("/etc/app/", temp.resolve("target")).fromContext(context)
                .source("src").chmod("go-x").build());
        assertEquals(java.util.List.of("/etc", "/etc/app", "/etc/app/sub"), result.unsearchableDirectories());
    }

    @Test
    void sourceModificationTimesAreKept() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f src/a 1\nd src/sub\nf src/sub/b 2");
        Path target = temp.resolve("target");
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("src").build());
        assertEquals(TreeFixture.MTIME, TreeFixture.mtime(target.resolve("d/a")));
        assertEquals(TreeFixture.MTIME, TreeFixture.mtime(target.resolve("d/sub/b")));
        assertEquals(TreeFixture.MTIME, TreeFixture.mtime(target.resolve("d/sub")));
    }

    @Test
    void sourceDateEpochSetsEveryTimeIncludingCreatedDirectoriesAndHeredocs() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f src/a 1\nl src/link a");
        Path target = temp.resolve("target");
        copier.copy(CopyRequest.builder("/p/q/", target).fromContext(context).source("src")
                .heredoc("h.txt", "x").sourceDateEpoch(1_700_000_000L).build());
        for (String path : new String[] {"p", "p/q", "p/q/a", "p/q/link", "p/q/h.txt"}) {
            assertEquals(1_700_000_000L, TreeFixture.mtime(target.resolve(path)), path);
        }
    }

    @Test
    void filesCopiedFromAStageKeepTheirOwnersAndASymlinkSourceIsFollowed() throws Exception {
        Path stage = temp.resolve("stage");
        TreeFixture.create(stage, "f s/f x 0640 1000:1000\nd s/sub 0755 1001:1001\nl s/l f");
        Files.setAttribute(stage.resolve("s/l"), "unix:uid", 1002, LinkOption.NOFOLLOW_LINKS);
        Path target = temp.resolve("target");
        copier.copy(CopyRequest.builder("/d/", target).fromStage(stage).source("/s").build());
        copier.copy(CopyRequest.builder("/d/l2", target).fromStage(stage).source("/s/l").build());
        assertEquals("""
                d d 0755 0:0
                d/f f 0640 1000:1000 = x
                d/l l 1002:0 -> f
                d/l2 f 0640 1000:1000 = x
                d/sub d 0755 1001:1001""".strip(), TreeFixture.list(target));
    }

    /** Past {@link ParallelFileWrites#PARALLEL_FROM} entries files are written on two threads: same result. */
    @Test
    void aLargeTreeIsCopiedWithEveryOwnerModeTimeAndLinkAsASmallOneIs() throws Exception {
        StringBuilder spec = new StringBuilder();
        for (int d = 0; d < 12; d++) {
            spec.append("d src/d").append(d).append(" 075").append(d % 6).append(' ').append(d).append(':').append(d)
                    .append('\n');
            for (int f = 0; f < 40; f++) {
                spec.append("f src/d").append(d).append("/f").append(f).append(" content-").append(d).append('-')
                        .append(f).append(" 06").append(f % 8).append("4 ").append(1000 + f).append(':').append(f)
                        .append('\n');
            }
            spec.append("l src/d").append(d).append("/link f0\n");
        }
        Path context = temp.resolve("context");
        TreeFixture.create(context, spec.toString().strip());
        Files.createLink(context.resolve("src/d0/hard"), context.resolve("src/d0/f1"));
        Path large = temp.resolve("large");
        int written = copier.copy(CopyRequest.builder("/d/", large).fromStage(context).source("/src").build()).entries();
        assertTrue(written >= ParallelFileWrites.PARALLEL_FROM, "the copy must take the parallel path: " + written);

        String expected = TreeFixture.list(context.resolve("src")).replace("\n", "\nd/").replaceFirst("^", "d/");
        String copied = TreeFixture.list(large).lines().filter(line -> !line.startsWith("d d ")).reduce((a, b) -> a + "\n" + b)
                .orElseThrow();
        assertEquals(expected, copied);
        assertEquals(TreeFixture.MTIME, TreeFixture.mtime(large.resolve("d/d3")), "directory times set after their files");
        assertEquals(Files.getAttribute(large.resolve("d/d0/f1"), "unix:ino"),
                Files.getAttribute(large.resolve("d/d0/hard"), "unix:ino"));
    }

    @Test
    void hardLinksBetweenCopiedFilesStayHardLinks() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f a 1");
        Files.createLink(context.resolve("b"), context.resolve("a"));
        Path target = temp.resolve("target");
        int written = copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source(".").build()).entries();
        assertEquals(2, written);
        assertEquals(Files.getAttribute(target.resolve("d/a"), "unix:ino"),
                Files.getAttribute(target.resolve("d/b"), "unix:ino"));
        assertEquals(2, Files.getAttribute(target.resolve("d/a"), "unix:nlink"));
    }

    @Test
    void extendedAttributesAreCopied() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f a 1");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(context.resolve("a"),
                UserDefinedFileAttributeView.class);
        view.write("jbuild.test", ByteBuffer.wrap("v".getBytes(StandardCharsets.UTF_8)));
        Path target = temp.resolve("target");
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("a").build());
        UserDefinedFileAttributeView copied = Files.getFileAttributeView(target.resolve("d/a"),
                UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(16);
        copied.read("jbuild.test", value);
        assertEquals("v", new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
    }

    @Test
    void setuidBitsAreKept() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f tool x 4755");
        Path target = temp.resolve("target");
        copier.copy(CopyRequest.builder("/bin/", target).fromContext(context).source("tool").build());
        assertEquals("bin d 0755 0:0\nbin/tool f 4755 0:0 = x", TreeFixture.list(target));
    }

    @Test
    void heredocAndCreatedDirectoriesGetTheCurrentTimeWithoutEpoch() throws Exception {
        Path target = temp.resolve("target");
        long before = System.currentTimeMillis() / 1000 - 1;
        copier.copy(CopyRequest.builder("/d/", target).heredoc("h", "x").build());
        assertTrue(TreeFixture.mtime(target.resolve("d/h")) >= before);
        assertTrue(TreeFixture.mtime(target.resolve("d")) >= before);
    }

    @Test
    void copyCountsTheEntriesItWrote() throws Exception {
        Path context = temp.resolve("context");
        TreeFixture.create(context, "f src/a 1\nf src/sub/b 2\nl src/l a");
        Path target = temp.resolve("target");
        int written = copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("src").build()).entries();
        assertEquals(4, written); // a, l, sub, sub/b
    }
}
