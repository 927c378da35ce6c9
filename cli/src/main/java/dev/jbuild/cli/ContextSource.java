package dev.jbuild.cli;

/**
 * A command that subcommands reach the CLI context through: picocli injects it as their
 * {@code @ParentCommand}, whichever level it sits at ({@code jbuild}, or a group such as {@code jbuild system}).
 */
public interface ContextSource {
    Context context();
}
