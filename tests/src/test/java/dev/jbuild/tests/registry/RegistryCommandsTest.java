package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.Cli;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.Tools;
import dev.jbuild.store.ImageStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jbuild pull/push/login/logout} and {@code build --push/--cache-to/--cache-from} through the real
 * command line against Debian's docker-registry, and skopeo reading what jbuild pushed (and the reverse).
 */
class RegistryCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;
    RegistryServer registry;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryServer.plain(scratch.resolve("registry"));
        env = new HashMap<>(System.getenv());
        env.put("HOME", scratch.toString());
        env.put("DOCKER_CONFIG", scratch.resolve("docker").toString());
        env.put("JBUILD_REGISTRY_CONFIG", scratch.resolve("no-settings.json").toString());
        env.remove("JBUILD_ROOT");
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    record Run(int exit, String out, String err) {
    }

    Run jbuild(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run ok(String... args) {
        Run run = jbuild("", args);
        assertEquals(0, run.exit(), String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }

    private String root(String name) {
        return scratch.resolve(name).toString();
    }

    /** A busybox root imported with 'jbuild import', as samples/make-base-images.sh makes bases. */
    private void importBusybox(String store, String tag) throws Exception {
        Tools.require("busybox");
        Path rootfs = Files.createDirectories(scratch.resolve("busybox-root"));
        Files.createDirectories(rootfs.resolve("bin"));
        if (!Files.exists(rootfs.resolve("bin/busybox"))) {
            Files.copy(Path.of(Files.isRegularFile(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                    rootfs.resolve("bin/busybox"));
            for (String applet : List.of("sh", "ls", "cat", "echo", "seq", "wc")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        }
        ok("--root", store, "import", rootfs.toString(), tag, "--change", "CMD [\"sh\"]");
    }

    private String imageId(String store, String name) throws Exception {
        try (ImageStore opened = ImageStore.open(Path.of(store))) {
            return opened.image(name).id().value();
        }
    }

    @Test
    void pushThenPullInAnotherStoreKeepsTheImageId() throws Exception {
        importBusybox(root("a"), "bb:1");
        String name = registry.host() + "/tools/bb:1";
        ok("--root", root("a"), "tag", "bb:1", name);
        Run pushed = ok("--root", root("a"), "push", name);
        assertTrue(pushed.out().contains("The push refers to repository [" + registry.host() + "/tools/bb]"),
                pushed.out());
        assertTrue(pushed.out().matches("(?s).*Pushed.*1: digest: sha256:[0-9a-f]{64} size: \\d+\\s*"), pushed.out());

        Run pulled = ok("--root", root("b"), "pull", name);
        assertTrue(pulled.out().contains("Status: Downloaded newer image for " + name), pulled.out());
        assertTrue(pulled.out().endsWith(name + "\n"), pulled.out());
        assertEquals(imageId(root("a"), "bb:1"), imageId(root("b"), name));

        Run quiet = ok("--root", root("b"), "pull", "-q", name);
        assertEquals(name + "\n", quiet.out(), "-q prints the name only");
    }

    @Test
    void pullSaveLoadPushKeepsTheManifestDigest() throws Exception {
        importBusybox(root("a"), "bb:1");
        String name = registry.host() + "/trip/bb:1";
        ok("--root", root("a"), "tag", "bb:1", name);
        String pushed = ok("--root", root("a"), "push", "-q", name).out().trim().replaceFirst(".*@", "");

        ok("--root", root("b"), "pull", "-q", name);
        Path archive = scratch.resolve("trip.tar");
        ok("--root", root("b"), "save", "-o", archive.toString(), name);
        ok("--root", root("c"), "load", "-i", archive.toString());
        String again = registry.host() + "/trip/again:1";
        ok("--root", root("c"), "tag", name, again);
        String repushed = ok("--root", root("c"), "push", "-q", again).out().trim().replaceFirst(".*@", "");
        assertEquals(pushed, repushed, "pull -> save -> load -> push gives the registry the very same manifest");
        assertEquals(imageId(root("a"), "bb:1"), imageId(root("c"), again));
    }

    @Test
    void failuresAreOneLineAndExitOne() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"pull", registry.host() + "/nothing:here"},
                new String[] {"pull", "no-such-registry.invalid/app:1"},
                new String[] {"push", "not-in-the-store:1"});
        for (String[] args : cases) {
            Run run = jbuild("", concat("--root", root("c"), args));
            assertEquals(1, run.exit(), String.join(" ", args));
            assertEquals(1, run.err().lines().count(), "one line: " + run.err());
            assertTrue(run.err().startsWith("jbuild: "), run.err());
        }
        registry.kill();
        Run down = jbuild("", "--root", root("c"), "pull", registry.host() + "/app:1");
        assertEquals(1, down.exit());
        assertEquals("jbuild: cannot reach registry " + registry.host() + " at " + registry.host()
                + ": connection refused; is the registry running, and is the address right?\n", down.err());
    }

    @Test
    void loginWithWrongPasswordFailsInOneLineWithoutTheSecretAndTheRightOneIsStored() throws Exception {
        try (RegistryServer secured = RegistryServer.htpasswd(scratch.resolve("secured"), "alice", "right-horse")) {
            Run wrong = jbuild("battery-staple\n", "login", "-u", "alice", "--password-stdin", secured.host());
            assertEquals(1, wrong.exit());
            assertEquals(1, wrong.err().lines().count(), wrong.err());
            assertFalse(wrong.err().contains("battery-staple"), "the secret is never printed");
            assertTrue(wrong.err().contains("jbuild login " + secured.host()), wrong.err());

            Run right = jbuild("right-horse\n", "login", "-u", "alice", "--password-stdin", secured.host());
            assertEquals(0, right.exit(), right.err());
            assertEquals("Login Succeeded\n", right.out());
            JsonNode config = JSON.readTree(scratch.resolve("docker/config.json").toFile());
            assertEquals(java.util.Base64.getEncoder().encodeToString("alice:right-horse".getBytes()),
                    config.path("auths").path(secured.host()).path("auth").asText());

            importBusybox(root("d"), "bb:1");
            String name = secured.host() + "/alice/bb:1";
            ok("--root", root("d"), "tag", "bb:1", name);
            ok("--root", root("d"), "push", "-q", name);

            assertEquals("Removing login credentials for " + secured.host() + "\n", ok("logout", secured.host()).out());
            Run anonymous = jbuild("", "--root", root("e"), "pull", name);
            assertEquals(1, anonymous.exit());
            assertTrue(anonymous.err().contains("requires a login"), anonymous.err());
        }
    }

    @Test
    void skopeoReadsWhatJbuildPushedAndJbuildPullsWhatSkopeoPushed() throws Exception {
        Tools.require("skopeo");
        importBusybox(root("a"), "bb:1");
        String name = registry.host() + "/interop/bb:1";
        ok("--root", root("a"), "tag", "bb:1", name);
        String digest = ok("--root", root("a"), "push", "-q", name).out().trim().replaceFirst(".*@", "");

        JsonNode inspected = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "--tls-verify=false",
                "docker://" + name));
        assertEquals(digest, inspected.path("Digest").asText());
        Path layout = scratch.resolve("layout");
        Tools.run(scratch, "skopeo", "copy", "--src-tls-verify=false", "docker://" + name, "oci:" + layout + ":bb");
        JsonNode copied = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "--raw", "oci:" + layout + ":bb"));
        assertEquals(imageId(root("a"), "bb:1"), copied.path("config").path("digest").asText(),
                "skopeo copied our config as it is");

        String back = registry.host() + "/interop/from-skopeo:1";
        Tools.run(scratch, "skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":bb", "docker://" + back);
        ok("--root", root("b"), "pull", back);
        assertEquals(imageId(root("a"), "bb:1"), imageId(root("b"), back), "skopeo kept our config, so the ID");
    }

    @Test
    void buildPullsItsBasePushesItsResultAndSharesItsCacheWithAnEmptyStore() throws Exception {
        importBusybox(root("a"), "bb:1");
        String base = registry.host() + "/base/bb:1";
        ok("--root", root("a"), "tag", "bb:1", base);
        String baseDigest = ok("--root", root("a"), "push", "-q", base).out().trim().replaceFirst(".*@", "");
        Path context = Files.createDirectories(scratch.resolve("context"));
        Files.writeString(context.resolve("f.txt"), "context file\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN echo hi > /hi\nCOPY f.txt /f.txt\n");
        String app = registry.host() + "/team/app:1";
        String cache = "type=registry,ref=" + registry.host() + "/cache/app:main";

        Run first = ok("--root", root("b"), "build", "--progress", "plain", "-t", app, "--push",
                "--cache-to", cache + ",mode=max", context.toString());
        assertTrue(first.err().contains("exported 2 cached steps"), first.err());
        ok("--root", root("c"), "pull", app);
        String builtId = imageId(root("b"), app);
        assertEquals(builtId, imageId(root("c"), app), "what --push sent is the image that was built");

        String output = registry.host() + "/team/output:1";
        ok("--root", root("b"), "build", "-q", "-o", "type=registry,name=" + output, context.toString());
        ok("--root", root("c"), "pull", "-q", output);
        assertEquals(builtId, imageId(root("c"), output), "--output type=registry pushed the same image");

        Run second = ok("--root", root("d"), "build", "--progress", "plain", "-t", "app:1", "--cache-from", cache,
                context.toString());
        assertEquals(2, second.err().lines().filter(l -> l.matches("#\\d+ CACHED")).count(), second.err());
        assertEquals(builtId, imageId(root("d"), "app:1"), "an empty store, fully cached, the same image");

        // The tag moves to another image: FROM name@digest still builds on the first one, exactly.
        Files.writeString(scratch.resolve("busybox-root/etc/motd"), "another base\n");
        ok("--root", root("a"), "import", scratch.resolve("busybox-root").toString(), base);
        ok("--root", root("a"), "push", "-q", base);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base.replace(":1", "") + "@" + baseDigest
                + "\nRUN echo pinned > /pinned\n");
        ok("--root", root("e"), "build", "--progress", "plain", "-t", "pinned:1", context.toString());
        try (ImageStore e = ImageStore.open(scratch.resolve("e"))) {
            assertEquals(e.image(base.replace(":1", "") + "@" + baseDigest).diffIds().get(0),
                    e.image("pinned:1").diffIds().get(0), "built on the pinned base, not on what the tag names now");
        }

        // The moved tag is another base: with --pull the build takes it, and its steps run again.
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN echo hi > /hi\nCOPY f.txt /f.txt\n");
        Run moved = ok("--root", root("b"), "build", "--progress", "plain", "--pull", "-t", "app:2",
                context.toString());
        assertEquals(0, moved.err().lines().filter(l -> l.matches("#\\d+ CACHED")).count(),
                "a re-tagged base invalidates the steps on it: " + moved.err());
        assertFalse(imageId(root("b"), "app:2").equals(builtId));

        // No registry: the stored base still serves, even with --pull.
        registry.kill();
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN echo offline > /o\n");
        Run offline = ok("--root", root("b"), "build", "--progress", "plain", "--pull", context.toString());
        assertTrue(offline.err().contains("using the stored " + base), offline.err());
        ok("--root", root("b"), "build", "--progress", "plain", context.toString());
    }

    private static String[] concat(String a, String b, String[] rest) {
        String[] out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }
}
