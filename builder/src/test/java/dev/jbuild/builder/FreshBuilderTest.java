package dev.jbuild.builder;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose every test starts from a fresh {@link BuildFixture}: for tests that prune, count or
 * list what a store holds, which one shared store ({@link BuilderTest}) would blur.
 */
abstract class FreshBuilderTest {
    @TempDir
    Path dir;
    BuildFixture fixture;

    @BeforeEach
    void openFixture() throws Exception {
        fixture = new BuildFixture(dir);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }
}
