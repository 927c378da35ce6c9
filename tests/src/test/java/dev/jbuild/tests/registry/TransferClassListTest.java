package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestCa;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class list that the launcher's archive for pull and push is made from ({@code cli/src/main/cds/
 * transfer.classlist}) covers what a push, a pull and an up-to-date pull of the fat jar load now, over
 * plain HTTP and over TLS: a list gone stale leaves the JDK's HTTP client out of the archive again, and
 * every pull slower.
 * {@code mvn test -Djbuild.updateGoldens=true} writes it anew (review the diff before committing it).
 */
class TransferClassListTest {
    private static final Path ROOT = Path.of(System.getProperty("jbuild.projectRoot", "..")).toAbsolutePath().normalize();
    private static final Path LIST = ROOT.resolve("cli/src/main/cds/transfer.classlist");

    @TempDir
    Path scratch;

    @Test
    void theCommittedListHoldsEveryClassThatATracedPushAndPullLoad() throws Exception {
        Path jar = ROOT.resolve("cli/target/jbuild.jar");
        assertTrue(Files.isRegularFile(jar), "the fat jar is built before the tests module: " + jar);
        List<String> traced = new ArrayList<>();
        try (RegistryServer registry = RegistryServer.plain(scratch.resolve("registry"))) {
            try (ImageStore store = ImageStore.open(scratch.resolve("source"))) {
                // layers over a megabyte, which the store writes with direct I/O, as real layers are
                TestImages.layered(store, scratch, 3, 3_000_000, 7, "app:1");
            }
            String name = registry.host() + "/classlist/app:1";
            run(jar, null, "--root", scratch.resolve("source").toString(), "tag", "app:1", name);
            traced.addAll(run(jar, "push", "--root", scratch.resolve("source").toString(), "push", "-q", name));
            traced.addAll(run(jar, "pull", "--root", scratch.resolve("pulled").toString(), "pull", "-q", name));
            traced.addAll(run(jar, "pull-again", "--root", scratch.resolve("pulled").toString(), "pull", "-q", name));
        }
        // and over TLS, as every registry but a local one is spoken to: the JSSE provider, HTTP/2
        TestCa ca = TestCa.create(scratch.resolve("ca"));
        try (RegistryServer registry = RegistryServer.tls(scratch.resolve("tls-registry"), ca)) {
            String name = registry.host() + "/classlist/app:1";
            String trust = "--registry-ca=" + ca.caFile();
            run(jar, null, "--root", scratch.resolve("source").toString(), "tag", "app:1", name);
            traced.addAll(run(jar, "push-tls", "--root", scratch.resolve("source").toString(), "push", "-q", trust, name));
            traced.addAll(run(jar, "pull-tls", "--root", scratch.resolve("pulled-tls").toString(), "pull", "-q", trust, name));
        }
        if (Boolean.getBoolean("jbuild.updateGoldens")) {
            Files.writeString(LIST, new TreeSet<>(listed(traced)).stream().collect(Collectors.joining("\n", "", "\n")));
            return;
        }
        Set<String> committed = new TreeSet<>(Files.readAllLines(LIST, StandardCharsets.UTF_8));
        Set<String> loaded = classes(listed(traced));
        Set<String> missing = new TreeSet<>(loaded);
        missing.removeAll(committed);
        // A few classes load only when threads contend for a lock or a request is retried: a run may
        // differ from the one that wrote the list by those; a stale list misses far more.
        assertTrue(missing.size() <= loaded.size() / 100, missing.size() + " of the " + loaded.size()
                + " classes a push and a pull load are not in " + ROOT.relativize(LIST) + ": " + missing
                + "; write it anew with mvn test -Djbuild.updateGoldens=true -Dtest=TransferClassListTest");
    }

    /** Runs the jar as the launcher does for these commands, tracing the classes it loads when {@code trace} names a list. */
    private List<String> run(Path jar, String trace, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xss4m", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:off"));
        Path jffi = ROOT.resolve("cli/target/jffi");
        if (Files.isRegularFile(jffi.resolve("libjffi-1.2.so"))) { // the launcher's, once it has run
            command.add("-Djffi.boot.library.path=" + jffi);
        }
        Path list = scratch.resolve(trace == null ? "untraced.classes" : trace + ".classes");
        if (trace != null) {
            command.add("-XX:DumpLoadedClassList=" + list);
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("out").toFile());
        builder.environment().put("HOME", scratch.toString());
        builder.environment().put("DOCKER_CONFIG", scratch.resolve("docker").toString());
        builder.environment().put("JBUILD_REGISTRY_CONFIG", scratch.resolve("no-settings.json").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        int exit = process.waitFor();
        assertEquals(0, exit, String.join(" ", args) + "\n" + Files.readString(scratch.resolve("out")));
        return trace == null ? List.of() : Files.readAllLines(list, StandardCharsets.UTF_8);
    }

    /**
     * The lines the list keeps: JDK and library classes and the JVM's records of the lambdas and method
     * handle forms they set up; not jbuild's own classes and picocli's, which the launcher adds from the jar.
     */
    private static List<String> listed(List<String> traced) {
        return traced.stream().map(line -> line.replaceFirst(" id: [0-9]+$", ""))
                .filter(line -> !line.startsWith("dev/jbuild/") && !line.startsWith("picocli/"))
                .toList();
    }

    /** Class names only: which lambda and method-handle records a run leaves depends on its threads' timing. */
    private static Set<String> classes(List<String> lines) {
        return lines.stream().filter(line -> !line.startsWith("@") && !line.startsWith("#")).collect(Collectors.toSet());
    }
}
