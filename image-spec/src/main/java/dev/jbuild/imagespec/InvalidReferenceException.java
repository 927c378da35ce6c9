package dev.jbuild.imagespec;


/**
 * A string that is not an image reference under the distribution reference grammar. The message is
 * Docker's ({@code invalid reference format}, {@code invalid reference format: repository name
 * (library/Foo) must be lowercase}, ...); {@link #input()} keeps what was parsed.
 */
public final class InvalidReferenceException extends ImageSpecException {
    private final String input;

    public InvalidReferenceException(String input, String reason) {
        super(reason);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
