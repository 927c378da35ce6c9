package dev.jbuild.store;

import java.nio.file.Path;

/** Run in a child JVM by {@link StoreLockTest}: holds the store as a running build does, until killed. */
public final class BuildHolderMain {
    private BuildHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ImageStore store = ImageStore.open(Path.of(args[0])); ImageStore.BuildHold hold = store.holdForBuild()) {
            System.out.println("building");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
