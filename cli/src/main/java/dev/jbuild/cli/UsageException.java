package dev.jbuild.cli;

/**
 * The command line is wrong in a way only the running command can judge (an unknown lint rule, two
 * until filters): printed as one line with a pointer to the command's help, exit code 2. Errors picocli
 * finds while reading the line are reported the same way by {@link Cli}.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
