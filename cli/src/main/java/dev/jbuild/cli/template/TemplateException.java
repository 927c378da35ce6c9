package dev.jbuild.cli.template;

/** A template that does not parse, or fails while it runs: the message is one line with the column. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
