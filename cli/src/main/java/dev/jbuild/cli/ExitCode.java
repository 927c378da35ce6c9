package dev.jbuild.cli;

/** POSIX-style exit codes, the same for every command. */
public final class ExitCode {
    public static final int OK = 0;
    /** A build, check or other operation failed (including a Dockerfile that does not parse). */
    public static final int FAILED = 1;
    /** The command line itself was wrong. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
