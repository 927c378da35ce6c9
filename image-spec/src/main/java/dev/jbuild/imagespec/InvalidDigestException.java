package dev.jbuild.imagespec;


/** A string that is not a {@code sha256:<64 lowercase hex>} digest. */
public final class InvalidDigestException extends ImageSpecException {
    private final String input;

    public InvalidDigestException(String input) {
        super("invalid checksum digest format: " + input);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
