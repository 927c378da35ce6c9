package dev.jbuild.store;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh store at {@code root} for each test, and a {@code scratch} directory beside it. */
abstract class StoreTest {
    @TempDir
    Path root;
    @TempDir
    Path scratch;
    ImageStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = ImageStore.open(root);
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }
}
