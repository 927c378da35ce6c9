package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * One Dockerfile instruction with its meaning attached: the arguments BuildKit accepts, checked and
 * split into fields. Values are kept exactly as written: variables such as {@code $FOO} and the
 * quotes around ENV, LABEL and ARG values are left for the builder's expander, which knows the
 * stage's environment.
 */
public sealed interface Instruction
        permits From, Run, Cmd, Entrypoint, Label, Maintainer, Expose, Env, Add, Copy, Volume, User,
                Workdir, Arg, Onbuild, Stopsignal, Healthcheck, Shell {

    /** Where the instruction is written. */
    SourceRange range();

    /** The instruction keyword in upper case ({@code RUN}), as messages and history name it. */
    String name();
}
