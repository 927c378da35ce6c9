package dev.jbuild.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} makes for users (dist/): the tarball holds a runtime, the jar, the archive,
 * the launcher, man pages that {@code man} renders and completion scripts; the .deb installs into a
 * clean Debian root (debootstrap, kept under /var/cache/jbuild-tests so that reruns are fast) with no
 * JDK in it, and jbuild runs and builds there.
 */
class ReleaseTest {
    private static final Path ROOT = Path.of(System.getProperty("jbuild.projectRoot", "..")).toAbsolutePath().normalize();
    private static final Path DIST = ROOT.resolve("dist/target");
    private static final Path DEBIAN = Path.of("/var/cache/jbuild-tests/debian-bookworm-minbase");

    @TempDir
    Path dir;

    private record Result(int code, String out) {}

    private static Result run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }

    private static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(Map.of(), List.of(command));
        assertEquals(0, result.code(), String.join(" ", command) + ":\n" + result.out());
        return result.out();
    }

    private static Path only(String glob) throws IOException {
        try (Stream<Path> files = Files.list(DIST)) {
            List<Path> found = files.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob)
                    .matches(f.getFileName())).toList();
            assertEquals(1, found.size(), "one " + glob + " in " + DIST + ": " + found);
            return found.get(0);
        }
    }

    @Test
    void theTarballRunsOnItsOwnRuntimeWithManPagesAndCompletionScripts() throws Exception {
        Path tarball = only("jbuild-*-linux-x86_64.tar.gz");
        ok("tar", "-xzf", tarball.toString(), "-C", dir.toString());
        Path home;
        try (Stream<Path> entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (String part : List.of("bin/jbuild", "lib/jbuild.jar", "runtime/bin/java", "runtime/lib/server/classes.jsa",
                "lib/jffi/libjffi-1.2.so", "share/bash-completion/completions/jbuild",
                "share/fish/vendor_completions.d/jbuild.fish", "share/man/man1/jbuild.1", "share/man/man1/jbuild-build.1")) {
            assertTrue(Files.exists(home.resolve(part)), "the release holds " + part);
        }
        String modules = Files.readString(home.resolve("runtime/release"));
        assertTrue(modules.contains("jdk.crypto.ec") && !modules.contains("java.desktop"),
                "only the modules jbuild uses: " + modules);
        Result version = run(Map.of("PATH", "/usr/bin:/bin"), List.of(home.resolve("bin/jbuild").toString(), "--version"));
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().startsWith("jbuild "), version.out());
        // signing needs the EC provider: the module list must not lose it
        Result key = run(Map.of(), List.of(home.resolve("bin/jbuild").toString(), "key", "generate", dir.resolve("k").toString()));
        assertEquals(0, key.code(), key.out());
        try (Stream<Path> pages = Files.list(home.resolve("share/man/man1"))) {
            List<Path> all = pages.toList();
            assertTrue(all.size() >= 20, all.toString());
            for (Path page : all) {
                Result man = run(Map.of("MANWIDTH", "80"), List.of("man", "-l", page.toString()));
                assertEquals(0, man.code(), page + ": " + man.out());
                assertTrue(man.out().contains("NAME") && man.out().contains("SYNOPSIS"), page + ":\n" + man.out());
                assertTrue(!man.out().contains("{startsb}"), page + " shows markup:\n" + man.out());
            }
        }
        String build = run(Map.of("MANWIDTH", "200"), List.of("man", "-l", home.resolve("share/man/man1/jbuild-build.1")
                .toString())).out();
        assertTrue(build.contains("[--build-arg=KEY[=VALUE]]..."), "labels with brackets survive AsciiDoc:\n" + build);
    }

    @Test
    void theDebInstallsIntoACleanDebianRootAndBuildsThereWithoutAJdk() throws Exception {
        Path deb = only("jbuild_*_amd64.deb");
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean tools = Files.isExecutable(Path.of("/usr/sbin/debootstrap")) || Files.isExecutable(Path.of("/usr/bin/debootstrap"));
        if (!(root && tools) && System.getenv("CI") == null) {
            System.err.println("NOTICE: ReleaseTest's .deb case skipped: it needs root and debootstrap");
        }
        assumeTrue((root && tools) || System.getenv("CI") != null, "needs root and debootstrap");
        debianRoot();
        Path lower = DEBIAN;
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path merged = Files.createDirectories(dir.resolve("merged"));
        ok("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work,
                merged.toString());
        List<Path> mounts = new ArrayList<>(List.of(merged));
        try {
            ok("mount", "-t", "proc", "proc", merged.resolve("proc").toString());
            mounts.add(0, merged.resolve("proc"));
            Path tmp = merged.resolve("tmp");
            Files.copy(deb, tmp.resolve("jbuild.deb"));
            assertTrue(Files.notExists(merged.resolve("usr/bin/java")), "no JDK in the Debian root");
            ok("chroot", merged.toString(), "dpkg", "-i", "/tmp/jbuild.deb");
            String version = ok("chroot", merged.toString(), "jbuild", "--version");
            assertTrue(version.startsWith("jbuild "), version);
            Result shared = run(Map.of("JBUILD_JAVA_OPTS", "-Xshare:on"),
                    List.of("chroot", merged.toString(), "jbuild", "--version"));
            assertEquals(0, shared.code(), "the shipped class-data-sharing archive is usable where the .deb put it:\n"
                    + shared.out());
            assertTrue(Files.isRegularFile(merged.resolve("opt/jbuild/lib/jbuild-transfer.jsa")),
                    "the registry commands' archive is shipped too");
            Result transfer = run(Map.of("JBUILD_JAVA_OPTS", "-Xshare:on"),
                    List.of("chroot", merged.toString(), "jbuild", "pull", "--help"));
            assertEquals(0, transfer.code(), "the registry commands' archive is usable there too:\n" + transfer.out());
            Files.createDirectories(tmp.resolve("context"));
            Files.writeString(tmp.resolve("context/hello.txt"), "hello\n");
            Files.writeString(tmp.resolve("context/Dockerfile"), "FROM scratch\nCOPY hello.txt /\nCMD [\"/hello\"]\n");
            String id = ok("chroot", merged.toString(), "jbuild", "--root", "/tmp/store", "--storage-driver", "vfs",
                    "build", "-q", "-t", "hello:1", "/tmp/context");
            assertTrue(id.trim().matches("sha256:[0-9a-f]{64}"), id);
            String images = ok("chroot", merged.toString(), "jbuild", "--root", "/tmp/store", "images", "--format",
                    "{{.Repository}}:{{.Tag}}");
            assertEquals("hello:1\n", images);
            assertTrue(Files.isRegularFile(merged.resolve("usr/share/man/man1/jbuild-build.1.gz"))
                    || Files.isRegularFile(merged.resolve("usr/share/man/man1/jbuild-build.1")), "man pages installed");
        } finally {
            for (Path mount : mounts) {
                run(Map.of(), List.of("umount", "-l", mount.toString()));
            }
        }
    }

    /** A minimal Debian root with runc (the .deb's dependency), made once and kept for later runs. */
    private static synchronized void debianRoot() throws IOException, InterruptedException {
        if (Files.isDirectory(DEBIAN.resolve("usr/bin"))) {
            return;
        }
        Files.createDirectories(DEBIAN.getParent());
        Path partial = DEBIAN.resolveSibling(DEBIAN.getFileName() + ".tmp");
        run(Map.of(), List.of("rm", "-rf", partial.toString()));
        ok("debootstrap", "--variant=minbase", "--include=runc", "bookworm", partial.toString(),
                "http://deb.debian.org/debian");
        Files.move(partial, DEBIAN);
    }
}
