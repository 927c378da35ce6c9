package dev.jbuild.builder.files;

/** BuildKit's wording for the errors users search for. */
final class CopyErrors {
    private CopyErrors() {
    }

    /** A source that is not there (or is .dockerignore'd): {@code failed to compute cache key: "/x": not found}. */
    static CopyException notFound(String absolutePath) {
        return new CopyException("failed to compute cache key: \"" + absolutePath + "\": not found");
    }

    static CopyException severalSourcesNeedDirectory(boolean add) {
        return new CopyException("When using " + (add ? "ADD" : "COPY")
                + " with more than one source file, the destination must be a directory and end with a /");
    }
}
