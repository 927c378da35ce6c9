package dev.jbuild.registry;

import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.store.ImageStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most registry tests start from: Docker's distribution registry on loopback and two stores standing
 * for two machines, with the settings of a user whose Docker configuration is empty. A test's own set-up
 * runs after this one and its own tear-down before (JUnit runs a superclass's first and last).
 */
abstract class TwoMachinesTest {
    @TempDir
    Path scratch;
    RegistryServer registry;
    ImageStore first;
    ImageStore second;
    Registries registries;

    /** The registry the test runs against: plain HTTP unless a test needs another kind. */
    RegistryServer startRegistry(Path dir) throws Exception {
        return RegistryServer.plain(dir);
    }

    @BeforeEach
    void startRegistryAndStores() throws Exception {
        registry = startRegistry(scratch.resolve("registry"));
        first = ImageStore.open(scratch.resolve("first"));
        second = ImageStore.open(scratch.resolve("second"));
        registries = registries(scratch);
    }

    @AfterEach
    void stopRegistryAndStores() throws Exception {
        registries.close();
        first.close();
        second.close();
        registry.close();
    }

    /** Registry settings of a user whose Docker configuration directory (under {@code scratch}) is empty. */
    static Registries registries(Path scratch) {
        return new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                .withDockerConfigDirectory(scratch.resolve("docker-config")));
    }
}
