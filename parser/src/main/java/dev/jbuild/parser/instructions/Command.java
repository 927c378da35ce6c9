package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.Heredoc;
import java.util.List;

/**
 * What RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD execute: either a shell script (shell form) that
 * the builder wraps in the stage's SHELL, or an argv written as a JSON array (exec form).
 */
public sealed interface Command {

    /** True for the JSON-array form, which runs without a shell. */
    boolean execForm();

    /**
     * Shell form. The script is the argument text as written; an instruction without arguments has
     * an empty script, which BuildKit still runs through the shell.
     *
     * @param heredocs the here-documents attached to a RUN line, in marker order
     */
    record ShellForm(String script, List<Heredoc> heredocs) implements Command {
        public ShellForm {
            heredocs = List.copyOf(heredocs);
        }

        public ShellForm(String script) {
            this(script, List.of());
        }

        @Override
        public boolean execForm() {
            return false;
        }
    }

    /** Exec form: the JSON array's strings, escapes decoded. May be empty ({@code CMD []}). */
    record ExecForm(List<String> argv) implements Command {
        public ExecForm {
            argv = List.copyOf(argv);
        }

        @Override
        public boolean execForm() {
            return true;
        }
    }
}
