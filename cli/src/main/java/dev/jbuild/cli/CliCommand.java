package dev.jbuild.cli;

/**
 * A command whose arguments have been read (each command reads its own values from the parsed line in
 * its constructor): it runs against the process's streams, environment and global options, and
 * returns the exit code. Failures are thrown: {@link Cli} turns each into one line and an exit code.
 */
public interface CliCommand {
    int call(Context context) throws Exception;
}
