package dev.jbuild.registry;

import dev.jbuild.imagespec.Digest;

/** What a pull or push reports as it goes; the CLI renders these (a line per blob, Docker-like). */
public sealed interface TransferEvent {

    /** Where a blob stands. */
    enum Phase {
        WAITING("Waiting"),
        DOWNLOADING("Downloading"),
        VERIFYING("Verifying"),
        DOWNLOADED("Pull complete"),
        EXISTS("Already exists"),
        UPLOADING("Pushing"),
        PUSHED("Pushed"),
        MOUNTED("Mounted"),
        SKIPPED("Skipped");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** Docker's wording. */
        public String label() {
            return label;
        }

        /** Whether the blob is done with. */
        public boolean finished() {
            return this == DOWNLOADED || this == EXISTS || this == PUSHED || this == MOUNTED || this == SKIPPED;
        }
    }

    /**
     * A blob's progress.
     *
     * @param done bytes moved so far
     * @param total the blob's size
     */
    record Blob(Digest digest, Phase phase, long done, long total) implements TransferEvent {}

    /** A line that belongs to no blob (what was resolved, what was skipped and why, the digest pushed). */
    record Notice(String message) implements TransferEvent {}
}
