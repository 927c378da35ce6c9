package dev.jbuild.cli.args;

/**
 * Turns an option's text into its value while the command line is read, so a bad value is a usage
 * error (exit 2) before the command starts any work.
 */
@FunctionalInterface
public interface ValueConverter<T> {
    T convert(String value) throws InvalidValueException;
}
