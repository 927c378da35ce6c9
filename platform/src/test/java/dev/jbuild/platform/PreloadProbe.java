package dev.jbuild.platform;

/** Run in a child JVM by {@link EntryAttributesTest}: what announcing batches does to a fresh process. */
final class PreloadProbe {
    private PreloadProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        EntryAttributes.expect(EntryAttributes.BULK_ENTRIES - 1);
        Thread.sleep(200);
        boolean smallLoaded = Posix.ready();
        EntryAttributes.expect(EntryAttributes.BULK_ENTRIES);
        boolean returnedFirst = !Posix.ready();
        for (int i = 0; i < 1200 && !Posix.ready(); i++) {
            Thread.sleep(50);
        }
        System.out.println("small batch: " + (smallLoaded ? "loaded" : "not loaded")
                + "; large batch returned before loading: " + returnedFirst + "; loaded later: " + Posix.ready());
    }
}
