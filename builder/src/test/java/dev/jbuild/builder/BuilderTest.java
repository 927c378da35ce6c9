package dev.jbuild.builder;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class whose tests share one {@link BuildFixture} (store, busybox base, builder) in a temp directory. */
abstract class BuilderTest {
    @TempDir
    static Path dir;
    static BuildFixture fixture;

    @BeforeAll
    static void openFixture() throws Exception {
        fixture = new BuildFixture(dir);
    }

    @AfterAll
    static void closeFixture() throws Exception {
        fixture.close();
    }
}
