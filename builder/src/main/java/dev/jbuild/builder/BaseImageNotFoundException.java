package dev.jbuild.builder;

/**
 * FROM, {@code COPY --from} or {@code RUN --mount from=} names an image the store does not have and that
 * could not be pulled (or that no registry can have: an image ID).
 */
public final class BaseImageNotFoundException extends BuildException {
    private final String reference;

    public BaseImageNotFoundException(String reference, StepId step) {
        super("image \"" + reference + "\" is not in the store: add it with 'jbuild pull', 'jbuild load -i "
                + "IMAGE.tar' or 'jbuild import ROOTFS.tar " + reference + "'", step, null);
        this.reference = reference;
    }

    /** The store lacks it and its registry could not give it either; {@code reason} says why. */
    public BaseImageNotFoundException(String reference, StepId step, String reason, Throwable cause) {
        super("image \"" + reference + "\" is not in the store and could not be pulled: " + reason
                + " (without a registry: 'jbuild load -i IMAGE.tar' or 'jbuild import ROOTFS.tar " + reference + "')",
                step, cause);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
