package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartupWarmerTest {

    @Test
    void commandsThatReadDockerfilesOrTheStoreAreWarmedFor() {
        assertTrue(StartupWarmer.worthWarming(new String[] {"build", "-q", "."}));
        assertTrue(StartupWarmer.worthWarming(new String[] {"-f", "Dockerfile.test", "."}));
        assertTrue(StartupWarmer.worthWarming(new String[] {"images"}));
    }

    @Test
    void helpAndVersionAreNot() {
        assertFalse(StartupWarmer.worthWarming(new String[] {}));
        assertFalse(StartupWarmer.worthWarming(new String[] {"--version"}));
        assertFalse(StartupWarmer.worthWarming(new String[] {"build", "--help"}));
        assertFalse(StartupWarmer.worthWarming(new String[] {"help"}));
    }

    @Test
    void theHttpClientIsWarmedOnlyForTheRegistryCommands() {
        assertTrue(StartupWarmer.talksToRegistry(new String[] {"pull", "debian"}));
        assertTrue(StartupWarmer.talksToRegistry(new String[] {"--root", "/s", "push", "x"}));
        assertTrue(StartupWarmer.talksToRegistry(new String[] {"login", "-u", "me", "r"}));
        assertFalse(StartupWarmer.talksToRegistry(new String[] {"--root", "pull", "build", "."}));
        assertFalse(StartupWarmer.talksToRegistry(new String[] {"images"}));
    }

    @Test
    void theObjectMapperIsWarmedOnlyForCommandsThatUseIt() {
        assertTrue(StartupWarmer.usesMapper(new String[] {"parse", "-f", "Dockerfile"}));
        assertTrue(StartupWarmer.usesMapper(new String[] {"--root", "/s", "lint", "--format", "sarif", "."}));
        assertTrue(StartupWarmer.usesMapper(new String[] {"build", "--progress", "json", "."}));
        assertFalse(StartupWarmer.usesMapper(new String[] {"build", "-t", "x", "."}));
        assertTrue(StartupWarmer.usesMapper(new String[] {"--progress=json", "."}));
        assertFalse(StartupWarmer.usesMapper(new String[] {"images"}));
        assertFalse(StartupWarmer.usesMapper(new String[] {"images", "--format", "json"}));
        assertFalse(StartupWarmer.usesMapper(new String[] {"build", "--progress"}));
    }

    @Test
    void theGrammarIsWarmedForEveryCommandButTheRegistryOnes() {
        assertTrue(StartupWarmer.mayReadDockerfile(new String[] {"-f", "Dockerfile.test", "."}));
        assertTrue(StartupWarmer.mayReadDockerfile(new String[] {"--root", "pull", "build", "."}));
        assertTrue(StartupWarmer.mayReadDockerfile(new String[] {"lint", "pull"}));
        assertFalse(StartupWarmer.mayReadDockerfile(new String[] {"pull", "debian"}));
        assertFalse(StartupWarmer.mayReadDockerfile(new String[] {"--debug", "--root=/s", "push", "x"}));
        assertFalse(StartupWarmer.mayReadDockerfile(new String[] {"--log-level", "info", "login", "r"}));
    }
}
