package dev.jbuild.store;

import java.nio.file.Path;

/** Run in a child JVM by {@link StoreLockTest}: takes the store's exclusive lock and keeps it until killed. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ImageStore store = ImageStore.open(Path.of(args[0]))) {
            store.table().exclusively(() -> {
                System.out.println("locked");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
    }
}
