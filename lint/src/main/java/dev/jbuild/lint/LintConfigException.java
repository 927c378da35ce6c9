package dev.jbuild.lint;

/** A configuration file that cannot be read or says something jbuild does not understand. */
public class LintConfigException extends RuntimeException {
    public LintConfigException(String message) {
        super(message);
    }

    public LintConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
