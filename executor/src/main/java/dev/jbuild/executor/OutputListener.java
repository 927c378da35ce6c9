package dev.jbuild.executor;

/**
 * Receives a step's output line by line as it is printed (without the line terminator; a last line
 * without one is delivered when the stream ends). Calls come from one thread at a time.
 */
@FunctionalInterface
public interface OutputListener {

    enum Stream { STDOUT, STDERR }

    void line(Stream stream, String line);

    OutputListener DISCARD = (stream, line) -> { };
}
