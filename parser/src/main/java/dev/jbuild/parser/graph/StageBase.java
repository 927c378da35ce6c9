package dev.jbuild.parser.graph;

/** What a stage starts from. */
public sealed interface StageBase {
    /** {@code FROM scratch}: an empty filesystem. */
    record Scratch() implements StageBase {}

    /** Another stage of the same Dockerfile, by index. */
    record StageRef(int index) implements StageBase {}

    /** An image reference, expanded ({@code busybox:1.36}). */
    record Image(String reference) implements StageBase {}
}
