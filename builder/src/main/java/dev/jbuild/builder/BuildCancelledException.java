package dev.jbuild.builder;

/** The build was interrupted (another stage failed, or the caller's thread was interrupted). */
public final class BuildCancelledException extends BuildException {
    public BuildCancelledException(String message) {
        super(message);
    }
}
