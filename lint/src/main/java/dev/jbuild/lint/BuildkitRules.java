package dev.jbuild.lint;

import static dev.jbuild.lint.RuleOrigin.BUILDKIT;

/**
 * BuildKit's build checks, with BuildKit's names, descriptions and message templates, so a finding reads the
 * same as {@code docker build --check} prints it. All are warnings by default, as in BuildKit;
 * {@code # check=error=true} turns them into errors.
 */
public final class BuildkitRules {
    private static final String DOCS = "https://docs.docker.com/go/dockerfile/rule/";

    private BuildkitRules() {}

    private static Rule.Builder check(String id, String page) {
        return Rule.define(id, BUILDKIT).severity(Severity.WARNING).url(DOCS + page + "/");
    }

    public static final Rule STAGE_NAME_CASING = check("StageNameCasing", "stage-name-casing")
            .description("Stage names should be lowercase")
            .message("Stage name '{name}' should be lowercase")
            .bad("FROM alpine AS BuilderBase\n", 1)
            .good("FROM alpine AS builder-base\n")
            .build();

    public static final Rule FROM_AS_CASING = check("FromAsCasing", "from-as-casing")
            .description("The 'as' keyword should match the case of the 'from' keyword")
            .message("'{as}' and '{from}' keywords' casing do not match")
            .bad("FROM debian:12 as builder\n", 1)
            .good("FROM debian:12 AS builder\n")
            .good("from debian:12 as builder\n")
            .build();

    public static final Rule NO_EMPTY_CONTINUATION = check("NoEmptyContinuation", "no-empty-continuation")
            .description("Empty continuation lines will become errors in a future release")
            .message("Empty continuation line")
            .bad("FROM alpine\nEXPOSE \\\n\n80\n", 2)
            .good("FROM alpine\nEXPOSE \\\n# Port\n80\n")
            .build();

    public static final Rule CONSISTENT_INSTRUCTION_CASING = check("ConsistentInstructionCasing", "consistent-instruction-casing")
            .description("All commands within the Dockerfile should use the same casing (either upper or lower)")
            .message("Command '{command}' should match the case of the command majority ({casing})")
            .bad("FROM alpine\nRUN echo hello > /greeting.txt\nEntrypoint [\"cat\", \"/greeting.txt\"]\n", 3)
            .good("from alpine\nrun echo hello > /greeting.txt\nentrypoint [\"cat\", \"/greeting.txt\"]\n")
            .build();

    public static final Rule DUPLICATE_STAGE_NAME = check("DuplicateStageName", "duplicate-stage-name")
            .description("Stage names should be unique")
            .message("Duplicate stage name \"{name}\", stage names should be unique")
            .bad("FROM debian:12 AS builder\nFROM golang:1.22 AS builder\n", 2)
            .good("FROM debian:12 AS deb-builder\nFROM golang:1.22 AS go-builder\n")
            .build();

    public static final Rule RESERVED_STAGE_NAME = check("ReservedStageName", "reserved-stage-name")
            .description("Reserved words should not be used as stage names")
            .message("Stage name should not use the same name as reserved stage \"{name}\"")
            .bad("FROM alpine AS scratch\nFROM alpine AS context\n", 1, 2)
            .good("FROM alpine AS builder\n")
            .build();

    public static final Rule JSON_ARGS_RECOMMENDED = check("JSONArgsRecommended", "json-args-recommended").alias("DL3025")
            .description("JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals")
            .message("JSON arguments recommended for {instruction} to prevent unintended behavior related to OS signals")
            .bad("FROM alpine\nENTRYPOINT my-program start\n", 2)
            .good("FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]\n")
            .good("FROM alpine\nSHELL [\"/bin/sh\", \"-c\"]\nCMD my-program start\n")
            .build();

    public static final Rule MAINTAINER_DEPRECATED = check("MaintainerDeprecated", "maintainer-deprecated").alias("DL4000")
            .description("The MAINTAINER instruction is deprecated, use a label instead to define an image author")
            .message("Maintainer instruction is deprecated in favor of using label")
            .bad("FROM alpine\nMAINTAINER moby@example.com\n", 2)
            .good("FROM alpine\nLABEL org.opencontainers.image.authors=\"moby@example.com\"\n")
            .build();

    public static final Rule UNDEFINED_ARG_IN_FROM = check("UndefinedArgInFrom", "undefined-arg-in-from")
            .description("FROM command must use declared ARGs")
            .message("FROM argument '{name}' is not declared{suggestion}")
            .bad("FROM node:22${VARIANT} AS jsbuilder\n", 1)
            .good("ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder\n")
            .build();

    public static final Rule WORKDIR_RELATIVE_PATH = check("WorkdirRelativePath", "workdir-relative-path").alias("DL3000")
            .description("Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes")
            .message("Relative workdir \"{path}\" can have unexpected results if the base image changes")
            .bad("FROM nginx AS web\nWORKDIR usr/share/nginx/html\n", 2)
            .good("FROM nginx AS web\nWORKDIR /usr/share/nginx\nWORKDIR html\n")
            .build();

    public static final Rule UNDEFINED_VAR = check("UndefinedVar", "undefined-var")
            .description("Variables should be defined before their use")
            .message("Usage of undefined variable '${name}'{suggestion}")
            .bad("FROM alpine AS base\nCOPY $foo .\n", 2)
            .bad("FROM alpine\nENV PATH=$PAHT:/app/bin\n", 2)
            .good("FROM alpine AS base\nARG foo\nCOPY $foo .\n")
            .good("FROM python:3.12 AS base\nARG VERSION=$PYTHON_VERSION\n")
            .build();

    public static final Rule MULTIPLE_INSTRUCTIONS_DISALLOWED = check("MultipleInstructionsDisallowed", "multiple-instructions-disallowed")
            .alias("DL4003").alias("DL4004").alias("DL3012")
            .description("Multiple instructions of the same type should not be used in the same stage")
            .message("Multiple {instruction} instructions should not be used in the same stage because only the last one will be used")
            .bad("FROM alpine\nCMD [\"echo\", \"one\"]\nCMD [\"echo\", \"two\"]\n", 2)
            .good("FROM alpine\nHEALTHCHECK CMD [\"true\"]\nCMD [\"echo\", \"one\"]\n")
            .build();

    public static final Rule LEGACY_KEY_VALUE_FORMAT = check("LegacyKeyValueFormat", "legacy-key-value-format")
            .description("Legacy key/value format with whitespace separator should not be used")
            .message("\"{instruction} key=value\" should be used instead of legacy \"{instruction} key value\" format")
            .bad("FROM alpine\nENV DEPS curl git make\n", 2)
            .good("FROM alpine\nENV DEPS=\"curl git make\"\n")
            .build();

    public static final Rule REDUNDANT_TARGET_PLATFORM = check("RedundantTargetPlatform", "redundant-target-platform")
            .description("Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior")
            .message("Setting platform to predefined {platform} in FROM is redundant as this is the default behavior")
            .bad("FROM --platform=$TARGETPLATFORM alpine AS builder\n", 1)
            .good("FROM --platform=$BUILDPLATFORM alpine AS builder\n")
            .build();

    public static final Rule SECRETS_USED_IN_ARG_OR_ENV = check("SecretsUsedInArgOrEnv", "secrets-used-in-arg-or-env")
            .description("Sensitive data should not be used in the ARG or ENV commands")
            .message("Do not use ARG or ENV instructions for sensitive data ({instruction} \"{name}\")")
            .bad("FROM alpine\nARG AWS_SECRET_ACCESS_KEY\nENV GITHUB_TOKEN=abc\n", 2, 3)
            .good("FROM alpine\nARG PUBLIC_KEY_FILE\nRUN --mount=type=secret,id=token,env=GITHUB_TOKEN ./release.sh\n")
            .build();

    public static final Rule INVALID_DEFAULT_ARG_IN_FROM = check("InvalidDefaultArgInFrom", "invalid-default-arg-in-from")
            .description("Default value for global ARG results in an empty or invalid base image name")
            .message("Default value for ARG {image} results in empty or invalid base image name")
            .bad("ARG TAG\nFROM busybox:${TAG}\n", 2)
            .good("ARG TAG=latest\nFROM busybox:${TAG}\n")
            .good("ARG TAG\nFROM alpine:${TAG:-3.20}\n")
            .build();

    public static final Rule FROM_PLATFORM_FLAG_CONST_DISALLOWED = check("FromPlatformFlagConstDisallowed", "from-platform-flag-const-disallowed")
            .description("FROM --platform flag should not use a constant value")
            .message("FROM --platform flag should not use constant value \"{platform}\"")
            .bad("FROM --platform=linux/amd64 alpine AS base\n", 1)
            .good("FROM --platform=$BUILDPLATFORM alpine AS base\n")
            .good("FROM --platform=linux/amd64 alpine AS build-amd64\n")
            .build();

    /** Experimental in BuildKit; jbuild runs it by default because it needs no network and is precise. */
    public static final Rule COPY_IGNORED_FILE = check("CopyIgnoredFile", "copy-ignored-file")
            .description("Attempting to Copy file that is excluded by .dockerignore")
            .message("Attempting to {instruction} file \"{path}\" that is excluded by .dockerignore")
            .exampleDockerignore("*.secret\nbuild/\n")
            .bad("FROM scratch\nCOPY app.secret /app/\n", 2)
            .bad("FROM scratch\nADD build/app.jar /app/\n", 2)
            .good("FROM scratch\nCOPY app.conf /app/\n")
            .build();

    /** Experimental in BuildKit and off by default here too: a plain comment above ARG or FROM triggers it. */
    public static final Rule INVALID_DEFINITION_DESCRIPTION = check("InvalidDefinitionDescription", "invalid-definition-description")
            .disabledByDefault()
            .description("Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. "
                    + "If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.")
            .message("Comment for {instruction} should follow the format: `# {name} <description>`")
            .bad("# a non-descriptive comment\nFROM scratch AS base\n", 2)
            .good("# base is a stage for compiling source\nFROM scratch AS base\n# VERSION This is the version number.\nARG VERSION=1\n")
            .build();

    public static final Rule EXPOSE_PROTO_CASING = check("ExposeProtoCasing", "expose-proto-casing")
            .description("Protocol in EXPOSE instruction should be lowercase")
            .message("Defined protocol '{port}' in EXPOSE instruction should be lowercase")
            .bad("FROM alpine\nEXPOSE 80/TcP\n", 2)
            .good("FROM alpine\nEXPOSE 80/tcp\n")
            .build();

    public static final Rule EXPOSE_INVALID_FORMAT = check("ExposeInvalidFormat", "expose-invalid-format")
            .description("IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release")
            .message("EXPOSE instruction should not define an IP address or host-port mapping, found '{port}'")
            .bad("FROM alpine\nEXPOSE 127.0.0.1:80:80\n", 2)
            .good("FROM alpine\nEXPOSE 80\n")
            .build();

    /**
     * BuildKit compares the platform of the pulled base image with the one wanted; linting offline cannot pull,
     * so jbuild only catches the case it can see: a stage built on another stage of the file whose constant
     * --platform differs.
     */
    public static final Rule INVALID_BASE_IMAGE_PLATFORM = Rule.define("InvalidBaseImagePlatform", BUILDKIT)
            .severity(Severity.WARNING)
            .url("https://github.com/moby/buildkit/blob/master/frontend/dockerfile/linter/docs/InvalidBaseImagePlatform.md")
            .description("Base image platform does not match expected target platform")
            .message("Base image {image} was pulled with platform \"{actual}\", expected \"{expected}\" for current build")
            .bad("FROM --platform=linux/arm64 alpine AS arm\nFROM --platform=linux/amd64 arm\n", 2)
            .good("FROM --platform=linux/arm64 alpine AS arm\nFROM --platform=linux/arm64 arm\n")
            .build();

    static final java.util.List<Rule> ALL = java.util.List.of(STAGE_NAME_CASING, FROM_AS_CASING, NO_EMPTY_CONTINUATION,
            CONSISTENT_INSTRUCTION_CASING, DUPLICATE_STAGE_NAME, RESERVED_STAGE_NAME, JSON_ARGS_RECOMMENDED,
            MAINTAINER_DEPRECATED, UNDEFINED_ARG_IN_FROM, WORKDIR_RELATIVE_PATH, UNDEFINED_VAR,
            MULTIPLE_INSTRUCTIONS_DISALLOWED, LEGACY_KEY_VALUE_FORMAT, REDUNDANT_TARGET_PLATFORM,
            SECRETS_USED_IN_ARG_OR_ENV, INVALID_DEFAULT_ARG_IN_FROM, FROM_PLATFORM_FLAG_CONST_DISALLOWED,
            COPY_IGNORED_FILE, INVALID_DEFINITION_DESCRIPTION, EXPOSE_PROTO_CASING, EXPOSE_INVALID_FORMAT,
            INVALID_BASE_IMAGE_PLATFORM);
}
