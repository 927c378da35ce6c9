package dev.jbuild.lint.shellcheck;

/**
 * The RUN scripts of one Dockerfile as one shell file whose line numbers are the Dockerfile's: line N of the
 * script is line N of the Dockerfile, every line that is not part of a RUN script is empty. So shellcheck's
 * line and column need no translation.
 *
 * @param file the Dockerfile name findings use
 * @param dialect the shell shellcheck reads it as ({@code sh} or {@code bash})
 */
public record ShellcheckInput(String file, String dialect, String script) {}
