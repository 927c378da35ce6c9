package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.StoreLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every directory and file under a store root is one that {@link StoreLayout} names: after an import, a
 * multi-stage build with RUN and COPY, nothing the store, the builder or the executor made lies elsewhere.
 */
class StoreLayoutTest extends FreshBuilderTest {
    private static final Digest ANY = Digest.of("any");

    @Test
    void everyPathUnderTheRootComesFromTheLayout() throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("app.txt"), "app");
        fixture.build("FROM busybox AS deps\nRUN echo deps > /deps\nFROM busybox\nCOPY --from=deps /deps /deps\n"
                + "COPY app.txt /app.txt\nRUN cat /deps /app.txt\n", context, Map.of(), b -> b.tag("app:v1"));

        StoreLayout layout = fixture.store.layout();
        List<Path> named = namedPaths(layout);
        TreeSet<String> strays = new TreeSet<>();
        try (Stream<Path> entries = Files.walk(layout.root(), 2)) {
            entries.filter(entry -> !entry.equals(layout.root()))
                    .filter(entry -> named.stream().noneMatch(path -> path.startsWith(entry) || entry.startsWith(path)))
                    .forEach(entry -> strays.add(layout.root().relativize(entry).toString()));
        }
        assertEquals(new TreeSet<>(), strays, "entries under the store root that StoreLayout does not name");
        assertTrue(Files.isDirectory(layout.buildCacheDir()) && Files.isDirectory(layout.executorDir())
                && Files.list(fixture.store.layout().root().resolve("snapshots")).count() >= 4,
                "the build left its state where the layout says: the base and three steps' diffs among the snapshots");
    }

    /** Every path the layout names, for a sample digest where it takes one. */
    private static List<Path> namedPaths(StoreLayout layout) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (Method method : StoreLayout.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.getReturnType() != Path.class
                    || method.getName().equals("root")) {
                continue;
            }
            method.setAccessible(true);
            Class<?>[] types = method.getParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = types[i] == Digest.class ? ANY : Compression.GZIP;
            }
            Path path = (Path) method.invoke(layout, args);
            paths.add(types.length == 0 ? path : perDigestDirectory(path));
        }
        return paths;
    }

    /** {@code blobs/sha256/<hex>} stands for {@code blobs/sha256}: every digest's entry lives there. */
    private static Path perDigestDirectory(Path path) {
        for (Path at = path; at != null; at = at.getParent()) {
            if (at.getFileName() != null && at.getFileName().toString().equals(ANY.hex())) {
                return at.getParent();
            }
        }
        return path.getParent();
    }
}
