package dev.jbuild.lint;

import static dev.jbuild.lint.RuleOrigin.JBUILD;
import static dev.jbuild.lint.RuleOrigin.SHELLCHECK;
import static dev.jbuild.lint.Severity.ERROR;
import static dev.jbuild.lint.Severity.INFO;
import static dev.jbuild.lint.Severity.WARNING;

import java.util.List;

/** jbuild's own rules: the mistakes that only show when the whole stage graph is known, and parse errors. */
public final class JbuildRules {
    private JbuildRules() {}

    public static final Rule SYNTAX_ERROR = Rule.define("SyntaxError", JBUILD).severity(ERROR)
            .description("The Dockerfile, or one instruction of it, cannot be parsed; a build would stop here.")
            .message("{message}")
            .bad("FROM alpine\nCOPY onlyone\nRUN true\n", 2)
            .good("FROM alpine\nCOPY app /app\n")
            .build();

    public static final Rule UNREACHABLE_STAGE = Rule.define("UnreachableStage", JBUILD).severity(INFO)
            .description("A stage that the default target (the last stage) does not need is never built by `docker build` without --target.")
            .message("Stage '{stage}' is not needed by the default target '{target}': it is built only with --target {stage}")
            .bad("FROM alpine AS tests\nRUN true\nFROM alpine AS app\nRUN true\n", 1)
            .good("FROM golang:1.22 AS build\nRUN true\nFROM alpine AS app\nCOPY --from=build /out /out\n")
            .build();

    public static final Rule FORWARD_STAGE_REFERENCE = Rule.define("ForwardStageReference", JBUILD).severity(WARNING)
            .description("COPY --from and RUN --mount from= should name a stage defined earlier in the file; the classic builder and many readers expect that order.")
            .message("'{reference}' names stage '{stage}', which is defined later (line {line}): move that stage above this one")
            .bad("FROM alpine AS app\nCOPY --from=build /out /out\nFROM golang:1.22 AS build\n", 2)
            .good("FROM golang:1.22 AS build\nFROM alpine AS app\nCOPY --from=build /out /out\n")
            .build();

    public static final Rule CIRCULAR_STAGE_REFERENCE = Rule.define("CircularStageReference", JBUILD).severity(ERROR)
            .description("Stages must not depend on each other in a circle; BuildKit refuses such a file.")
            .message("Circular dependency between stages: {cycle}")
            .bad("FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=a /y /y\n", 2)
            .good("FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a /y /y\n")
            .build();

    public static final Rule ARG_USED_BEFORE_DECLARATION = Rule.define("ArgUsedBeforeDeclaration", JBUILD).severity(WARNING)
            .description("A RUN script uses a build argument that is not declared in its stage yet, so it expands to nothing.")
            .message("'${name}' is {reason}: {fix}")
            .bad("ARG VERSION=1.0\nFROM alpine\nRUN echo \"$VERSION\" > /version\n", 3)
            .bad("FROM alpine\nRUN echo \"$VERSION\" > /version\nARG VERSION=1.0\n", 2)
            .good("ARG VERSION=1.0\nFROM alpine\nARG VERSION\nRUN echo \"$VERSION\" > /version\n")
            .build();

    public static final Rule EXPOSE_INVALID_PORT = Rule.define("ExposeInvalidPort", JBUILD).severity(ERROR)
            .description("EXPOSE must name a port or port range with an optional tcp, udp or sctp protocol; BuildKit fails the build otherwise.")
            .message("EXPOSE '{port}' is not a valid port: {reason}")
            .bad("FROM alpine\nEXPOSE 80/http\n", 2)
            .bad("FROM alpine\nEXPOSE 9000-8000\n", 2)
            .good("FROM alpine\nEXPOSE 80/tcp 8000-8010 53/udp\n")
            .build();

    public static final Rule USER_NOT_YET_CREATED = Rule.define("UserNotYetCreated", JBUILD).severity(WARNING)
            .description("USER names a user that does not exist at that point: one that a later RUN creates, or any name in a stage built on scratch without an /etc/passwd.")
            .message("User '{user}' {reason}")
            .bad("FROM debian:12\nUSER app\nRUN useradd app\n", 2)
            .bad("FROM scratch\nCOPY app /app\nUSER app\n", 3)
            .good("FROM debian:12\nRUN useradd app\nUSER app\n")
            .good("FROM scratch\nCOPY app /app\nUSER 65534:65534\n")
            .build();

    /**
     * The --chmod trap (moby/moby#49851): BuildKit applies --chmod to the directories a copy creates, since
     * Docker 28.1 (fsutil#228), so a file mode leaves them unreadable to everyone but root. Which directories
     * a copy creates depends on the base image; the rule counts as present the usual top-level ones
     * ({@code /etc}, {@code /usr/local/bin}, ...) on an image and none on scratch, and what WORKDIR made.
     */
    public static final Rule CHMOD_UNSEARCHABLE_DIRECTORY = Rule.define("ChmodUnsearchableDirectory", JBUILD).severity(WARNING)
            .description("A --chmod without search (x) permission also applies to the directories the copy creates or "
                    + "copies (BuildKit does so since Docker 28.1), so users other than root cannot reach the files in them.")
            .message("--chmod={mode} also gives {directories} mode {octal}, which only root can enter: use "
                    + "--chmod=u=rwX,go=rX (X sets search on directories only) or create them first with RUN mkdir -p")
            .bad("FROM alpine:3.20\nCOPY --chmod=644 config.yml /srv/app/conf/config.yml\n", 2)
            .bad("FROM alpine:3.20\nCOPY --chmod=600 conf/ /etc/app/\n", 2)
            .bad("FROM scratch\nCOPY --chmod=444 app.conf /etc/app.conf\n", 2)
            .good("FROM alpine:3.20\nCOPY --chmod=u=rwX,go=rX config.yml /srv/app/conf/config.yml\n")
            .good("FROM alpine:3.20\nCOPY --chmod=644 app.conf /etc/app.conf\n")
            .good("FROM alpine:3.20\nWORKDIR /srv/app/conf\nCOPY --chmod=644 config.yml /srv/app/conf/config.yml\n")
            .build();

    /**
     * The family of shellcheck findings; each finding carries shellcheck's own code ({@code SC2086}), which
     * ignore lists accept too. Its examples need shellcheck installed, so the catalogue shows none.
     */
    public static final Rule SHELLCHECK_FINDING = Rule.define("ShellCheck", SHELLCHECK).severity(WARNING)
            .url("https://www.shellcheck.net/wiki/")
            .description("Findings of shellcheck on RUN scripts (heredoc bodies included), reported at the Dockerfile line they refer to. "
                    + "Runs only with --shellcheck (or `shellcheck: auto|on` in the configuration); severity follows shellcheck's level.")
            .message("{message}")
            .build();

    static final List<Rule> ALL = List.of(SYNTAX_ERROR, UNREACHABLE_STAGE, FORWARD_STAGE_REFERENCE, CIRCULAR_STAGE_REFERENCE,
            ARG_USED_BEFORE_DECLARATION, EXPOSE_INVALID_PORT, USER_NOT_YET_CREATED, CHMOD_UNSEARCHABLE_DIRECTORY,
            SHELLCHECK_FINDING);
}
