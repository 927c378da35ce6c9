package dev.jbuild.cli.args;

/**
 * A converter's refusal of one value. The message says what is wrong with the value alone; the parser
 * adds which option it was given to ({@code Invalid value for option '--keep-storage': ...}).
 */
public class InvalidValueException extends Exception {
    public InvalidValueException(String message) {
        super(message);
    }
}
