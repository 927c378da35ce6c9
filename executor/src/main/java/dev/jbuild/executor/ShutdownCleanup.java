package dev.jbuild.executor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM has running or mounted, undone by a shutdown hook when the JVM exits on Ctrl-C or
 * SIGTERM in the middle of it: steps first (their containers are killed and deleted, their mounts
 * unmounted, bundles removed), then workspaces (unmounted, removed). A SIGKILL runs no hook;
 * {@link Janitor} handles what it leaves.
 */
final class ShutdownCleanup {

    /** Closes one registered thing; must be idempotent, as its owner may close it at the same time. */
    @FunctionalInterface
    interface Action {
        void close() throws IOException;
    }

    private static final Set<Action> STEPS = ConcurrentHashMap.newKeySet();
    private static final Set<Action> WORKSPACES = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ShutdownCleanup() {
    }

    static void registerStep(Action action) {
        installHook();
        STEPS.add(action);
    }

    static void unregisterStep(Action action) {
        STEPS.remove(action);
    }

    static void registerWorkspace(Action action) {
        installHook();
        WORKSPACES.add(action);
    }

    static void unregisterWorkspace(Action action) {
        WORKSPACES.remove(action);
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::closeAll, "jbuild-executor-cleanup"));
            hookInstalled = true;
        }
    }

    private static void closeAll() {
        closeEach(STEPS);
        closeEach(WORKSPACES);
    }

    private static void closeEach(Set<Action> actions) {
        for (Action action : new ArrayList<>(actions)) {
            try {
                action.close();
            } catch (IOException | RuntimeException e) {
                // Nobody to tell at shutdown; the Janitor finishes the job on the next run.
            }
        }
    }
}
