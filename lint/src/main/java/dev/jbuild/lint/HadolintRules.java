package dev.jbuild.lint;

import static dev.jbuild.lint.RuleOrigin.HADOLINT;
import static dev.jbuild.lint.Severity.ERROR;
import static dev.jbuild.lint.Severity.INFO;
import static dev.jbuild.lint.Severity.WARNING;

import java.util.List;

/**
 * hadolint's most used DL rules under their DL ids and default severities (its "style" level counts as
 * info). Shell commands are read with jbuild's own shell reader, heredoc bodies included, and RUN mounts
 * are taken into account: a cache mount on the apt lists is not a forgotten cleanup.
 */
public final class HadolintRules {
    private static final String WIKI = "https://github.com/hadolint/hadolint/wiki/";

    private HadolintRules() {}

    private static Rule.Builder dl(String id, Severity severity) {
        return Rule.define(id, HADOLINT).severity(severity).url(WIKI + id);
    }

    public static final Rule DL3000 = dl("DL3000", ERROR)
            .description("Use absolute WORKDIR.")
            .message("Use an absolute WORKDIR: '{path}' depends on the previous working directory")
            .bad("FROM alpine\nWORKDIR app\n", 2)
            .good("FROM alpine\nWORKDIR /app\n")
            .build();

    public static final Rule DL3001 = dl("DL3001", INFO)
            .description("For some bash commands it makes no sense running them in a Docker container like ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig.")
            .message("'{command}' makes no sense in a build step: remove it or move it to the container's entrypoint")
            .bad("FROM debian:12\nRUN service nginx restart\n", 2)
            .good("FROM debian:12\nRUN nginx -t\n")
            .build();

    public static final Rule DL3002 = dl("DL3002", WARNING)
            .description("Last user should not be root.")
            .message("The final image runs as '{user}': switch to an unprivileged USER at the end")
            .bad("FROM alpine\nUSER root\nRUN apk add --no-cache curl=8.5.0-r0\n", 2)
            .good("FROM alpine\nUSER root\nRUN apk add --no-cache curl=8.5.0-r0\nUSER 65534\n")
            .build();

    public static final Rule DL3003 = dl("DL3003", WARNING)
            .description("Use WORKDIR to switch to a directory.")
            .message("Use WORKDIR to switch to a directory instead of 'cd'")
            .bad("FROM alpine\nRUN cd /usr/src/app && make\n", 2)
            .good("FROM alpine\nWORKDIR /usr/src/app\nRUN make\n")
            .build();

    public static final Rule DL3004 = dl("DL3004", ERROR)
            .description("Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root.")
            .message("Do not use sudo: build steps run as root unless USER says otherwise; switch USER or use gosu")
            .bad("FROM debian:12\nRUN sudo apt-get update\n", 2)
            .good("FROM debian:12\nUSER root\nRUN id\n")
            .build();

    public static final Rule DL3006 = dl("DL3006", WARNING)
            .description("Always tag the version of an image explicitly.")
            .message("Tag the version of image '{image}' explicitly (e.g. {image}:<version>)")
            .bad("FROM debian\n", 1)
            .good("FROM debian:12.5\n")
            .good("FROM golang:1.22 AS build\nFROM build\n")
            .build();

    public static final Rule DL3007 = dl("DL3007", WARNING)
            .description("Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag.")
            .message("Pin '{image}' to a release tag instead of 'latest'")
            .bad("FROM debian:latest\n", 1)
            .good("FROM debian:12.5\n")
            .build();

    public static final Rule DL3008 = dl("DL3008", WARNING)
            .description("Pin versions in apt-get install.")
            .message("Pin versions in apt-get install: use '{package}=<version>'")
            .bad("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n", 2)
            .good("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n")
            .build();

    public static final Rule DL3009 = dl("DL3009", INFO)
            .description("Delete the apt-get lists after installing something.")
            .message("Delete the apt-get lists after installing something: add '&& rm -rf /var/lib/apt/lists/*' or use a cache mount for /var/lib/apt/lists")
            .bad("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n", 2)
            .good("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n")
            .good("FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt/lists \\\n"
                    + "    apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n")
            .build();

    public static final Rule DL3011 = dl("DL3011", ERROR)
            .description("Valid UNIX ports range from 0 to 65535.")
            .message("Port {port} is out of range: valid ports are 0 to 65535")
            .bad("FROM alpine\nEXPOSE 80000\n", 2)
            .good("FROM alpine\nEXPOSE 8000\n")
            .build();

    public static final Rule DL3012 = dl("DL3012", ERROR)
            .description("Multiple HEALTHCHECK instructions.")
            .message("Only the last HEALTHCHECK of a stage counts: keep one")
            .bad("FROM alpine\nHEALTHCHECK CMD [\"true\"]\nHEALTHCHECK CMD [\"false\"]\n", 3)
            .good("FROM alpine\nHEALTHCHECK CMD [\"true\"]\n")
            .build();

    public static final Rule DL3013 = dl("DL3013", WARNING)
            .description("Pin versions in pip.")
            .message("Pin versions in pip: use '{package}==<version>'")
            .bad("FROM python:3.12\nRUN pip install --no-cache-dir django\n", 2)
            .good("FROM python:3.12\nRUN pip install --no-cache-dir django==5.0.6 -r requirements.txt\n")
            .build();

    public static final Rule DL3014 = dl("DL3014", WARNING)
            .description("Use the -y switch.")
            .message("Use 'apt-get {subcommand} -y' so the build does not wait for an answer")
            .bad("FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10\n", 2)
            .good("FROM debian:12\nRUN apt-get install -qy --no-install-recommends curl=7.88.1-10\n")
            .build();

    public static final Rule DL3015 = dl("DL3015", INFO)
            .description("Avoid additional packages by specifying --no-install-recommends.")
            .message("Add --no-install-recommends to apt-get install to avoid additional packages")
            .bad("FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n", 2)
            .good("FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n")
            .build();

    public static final Rule DL3016 = dl("DL3016", WARNING)
            .description("Pin versions in npm.")
            .message("Pin versions in npm: use '{package}@<version>'")
            .bad("FROM node:22\nRUN npm install -g typescript\n", 2)
            .good("FROM node:22\nRUN npm install -g typescript@5.4.5 && npm ci\n")
            .build();

    public static final Rule DL3018 = dl("DL3018", WARNING)
            .description("Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`.")
            .message("Pin versions in apk add: use '{package}=<version>'")
            .bad("FROM alpine:3.20\nRUN apk add --no-cache curl\n", 2)
            .good("FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps curl=8.9.0-r0\n")
            .build();

    public static final Rule DL3019 = dl("DL3019", INFO)
            .description("Use the --no-cache switch to avoid the need to use --update and remove /var/cache/apk/* when done installing packages.")
            .message("Use 'apk add --no-cache' (or a cache mount on /var/cache/apk) so the package index does not stay in the image")
            .bad("FROM alpine:3.20\nRUN apk add curl=8.9.0-r0\n", 2)
            .good("FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\n")
            .good("FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.0-r0\n")
            .build();

    public static final Rule DL3020 = dl("DL3020", ERROR)
            .description("Use COPY instead of ADD for files and folders.")
            .message("Use COPY instead of ADD for '{source}': ADD is for URLs and archives to unpack")
            .bad("FROM alpine\nADD app.conf /etc/app/\n", 2)
            .good("FROM alpine\nADD rootfs.tar.gz /\nADD https://example.com/app.jar /opt/\nCOPY app.conf /etc/app/\n")
            .build();

    public static final Rule DL3021 = dl("DL3021", ERROR)
            .description("COPY with more than 2 arguments requires the last argument to end with /")
            .message("COPY with more than one source needs a directory destination ending with '/': '{destination}/'")
            .bad("FROM alpine\nCOPY a.txt b.txt /data\n", 2)
            .good("FROM alpine\nCOPY a.txt b.txt /data/\n")
            .build();

    public static final Rule DL3022 = dl("DL3022", WARNING)
            .description("COPY --from should reference a previously defined FROM alias")
            .message("COPY --from={name} names no earlier stage: define 'FROM ... AS {name}' before it, or give the image a tag")
            .bad("FROM alpine\nCOPY --from=build /out /out\n", 2)
            .good("FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=build /out /out\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n")
            .build();

    public static final Rule DL3023 = dl("DL3023", ERROR)
            .description("COPY --from cannot reference its own FROM alias")
            .message("COPY --from={name} names the stage it is in: copy from another stage")
            .bad("FROM alpine AS app\nCOPY --from=app /a /b\n", 2)
            .good("FROM alpine AS base\nFROM alpine AS app\nCOPY --from=base /a /b\n")
            .build();

    public static final Rule DL3025 = dl("DL3025", WARNING)
            .description("Use arguments JSON notation for CMD and ENTRYPOINT arguments")
            .message("Write {instruction} in JSON notation: {instruction} [\"executable\", \"arg\"]")
            .bad("FROM alpine\nCMD echo hello\n", 2)
            .good("FROM alpine\nCMD [\"echo\", \"hello\"]\n")
            .build();

    public static final Rule DL3026 = dl("DL3026", ERROR)
            .description("Use only an allowed registry in the FROM image")
            .message("Image '{image}' comes from registry '{registry}', which is not in trustedRegistries")
            .exampleConfig("trustedRegistries: [docker.io, ghcr.io]\n")
            .bad("FROM quay.io/prometheus/busybox:latest\n", 1)
            .good("FROM ghcr.io/org/app:1.0\nFROM alpine:3.20\n")
            .build();

    public static final Rule DL3027 = dl("DL3027", WARNING)
            .description("Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead")
            .message("Use apt-get or apt-cache instead of apt, whose interface is not stable for scripts")
            .bad("FROM debian:12\nRUN apt install -y curl\n", 2)
            .good("FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n")
            .build();

    public static final Rule DL3028 = dl("DL3028", WARNING)
            .description("Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`")
            .message("Pin versions in gem install: use '{package}:<version>' or -v")
            .bad("FROM ruby:3.3\nRUN gem install bundler\n", 2)
            .good("FROM ruby:3.3\nRUN gem install bundler:2.5.10 && gem install rake -v 13.2.1\n")
            .build();

    public static final Rule DL3030 = dl("DL3030", WARNING)
            .description("Use the -y switch to avoid manual input `yum install -y <package>`")
            .message("Use 'yum install -y' so the build does not wait for an answer")
            .bad("FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n", 2)
            .good("FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n")
            .build();

    public static final Rule DL3032 = dl("DL3032", WARNING)
            .description("`yum clean all` missing after yum command.")
            .message("Add '&& yum clean all' after yum install to keep the package cache out of the image")
            .bad("FROM centos:7\nRUN yum install -y httpd-2.4.6\n", 2)
            .good("FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n")
            .build();

    public static final Rule DL3033 = dl("DL3033", WARNING)
            .description("Specify version with `yum install -y <package>-<version>`")
            .message("Pin versions in yum install: use '{package}-<version>'")
            .bad("FROM centos:7\nRUN yum install -y httpd && yum clean all\n", 2)
            .good("FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n")
            .build();

    public static final Rule DL3034 = dl("DL3034", WARNING)
            .description("Non-interactive switch missing from `zypper` command: `zypper install -y`")
            .message("Use 'zypper --non-interactive' (or -n / -y) so the build does not wait for an answer")
            .bad("FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean\n", 2)
            .good("FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n")
            .build();

    public static final Rule DL3035 = dl("DL3035", WARNING)
            .description("Do not use `zypper dist-upgrade`.")
            .message("Do not run 'zypper dist-upgrade' in a build: use a newer base image")
            .bad("FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n", 2)
            .good("FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n")
            .build();

    public static final Rule DL3036 = dl("DL3036", WARNING)
            .description("`zypper clean` missing after zypper use.")
            .message("Add '&& zypper clean' after zypper install to keep the package cache out of the image")
            .bad("FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58\n", 2)
            .good("FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n")
            .build();

    public static final Rule DL3037 = dl("DL3037", WARNING)
            .description("Specify version with `zypper install -y <package>[=]<version>`.")
            .message("Pin versions in zypper install: use '{package}=<version>'")
            .bad("FROM opensuse/leap:15.6\nRUN zypper -n install httpd && zypper clean\n", 2)
            .good("FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n")
            .build();

    public static final Rule DL3038 = dl("DL3038", WARNING)
            .description("Use the -y switch to avoid manual input `dnf install -y <package>`")
            .message("Use '{command} install -y' so the build does not wait for an answer")
            .bad("FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n", 2)
            .good("FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n")
            .build();

    public static final Rule DL3040 = dl("DL3040", WARNING)
            .description("`dnf clean all` missing after dnf command.")
            .message("Add '&& {command} clean all' after {command} install to keep the package cache out of the image")
            .bad("FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n", 2)
            .good("FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n")
            .build();

    public static final Rule DL3041 = dl("DL3041", WARNING)
            .description("Specify version with `dnf install -y <package>-<version>`")
            .message("Pin versions in {command} install: use '{package}-<version>'")
            .bad("FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n", 2)
            .good("FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n")
            .build();

    public static final Rule DL3042 = dl("DL3042", WARNING)
            .description("Avoid cache directory with `pip install --no-cache-dir <package>`.")
            .message("Use 'pip install --no-cache-dir' (or a cache mount on /root/.cache/pip) so pip's cache stays out of the image")
            .bad("FROM python:3.12\nRUN pip install django==5.0.6\n", 2)
            .good("FROM python:3.12\nRUN pip install --no-cache-dir django==5.0.6\n")
            .good("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install django==5.0.6\n")
            .build();

    public static final Rule DL3044 = dl("DL3044", ERROR)
            .description("Do not refer to an environment variable within the same `ENV` statement where it is defined.")
            .message("'${name}' is defined in this same ENV statement, where it is not set yet: move it to a separate ENV")
            .bad("FROM alpine\nENV APP_HOME=/app APP_BIN=${APP_HOME}/bin\n", 2)
            .good("FROM alpine\nENV APP_HOME=/app\nENV APP_BIN=${APP_HOME}/bin PATH=${PATH}:/app/bin\n")
            .build();

    public static final Rule DL3045 = dl("DL3045", WARNING)
            .description("`COPY` to a relative destination without `WORKDIR` set.")
            .message("COPY to relative destination '{destination}' without WORKDIR set: set WORKDIR first or use an absolute path")
            .bad("FROM alpine\nCOPY app.conf conf/\n", 2)
            .good("FROM alpine\nWORKDIR /app\nCOPY app.conf conf/\n")
            .build();

    public static final Rule DL3046 = dl("DL3046", WARNING)
            .description("`useradd` without flag `-l` and high UID will result in excessively large Image.")
            .message("Use 'useradd -l' with a high UID ({uid}), or the lastlog file grows to gigabytes")
            .bad("FROM debian:12\nRUN useradd -u 123456 app\n", 2)
            .good("FROM debian:12\nRUN useradd -l -u 123456 app\n")
            .build();

    public static final Rule DL3047 = dl("DL3047", INFO)
            .description("`wget` without flag `--progress` will result in excessively bloated build logs when downloading larger files.")
            .message("Use 'wget --progress=dot:giga' (or -q / -nv) to keep build logs small")
            .bad("FROM debian:12\nRUN wget https://example.com/big.tar.gz\n", 2)
            .good("FROM debian:12\nRUN wget -nv https://example.com/big.tar.gz\n")
            .build();

    public static final Rule DL3048 = dl("DL3048", INFO)
            .description("Invalid Label Key")
            .message("Label key '{key}' is invalid: use lower-case reverse-DNS notation (org.example.key) outside the reserved com.docker.*, io.docker.* and org.dockerproject.* namespaces")
            .bad("FROM alpine\nLABEL com.docker.built-by=me\n", 2)
            .good("FROM alpine\nLABEL org.opencontainers.image.source=https://example.com/repo\n")
            .build();

    public static final Rule DL3049 = dl("DL3049", INFO)
            .description("Label `<label>` is missing.")
            .message("Label '{label}' is missing from the final image: add LABEL {label}=...")
            .exampleConfig("requiredLabels: [org.opencontainers.image.source]\n")
            .bad("FROM alpine\nLABEL version=1\n", 1)
            .good("FROM alpine\nLABEL org.opencontainers.image.source=https://example.com/repo\n")
            .build();

    public static final Rule DL3059 = dl("DL3059", INFO)
            .description("Multiple consecutive `RUN` instructions. Consider consolidation.")
            .message("Consecutive RUN instructions add a layer each: join them with '&&'")
            .bad("FROM alpine\nRUN mkdir /app\nRUN touch /app/ready\n", 3)
            .good("FROM alpine\nRUN mkdir /app && touch /app/ready\nRUN --mount=type=cache,target=/root/.cache make\n")
            .build();

    public static final Rule DL3060 = dl("DL3060", INFO)
            .description("`yarn cache clean` missing after `yarn install` was run.")
            .message("Add '&& yarn cache clean' after yarn install (or use a cache mount) to keep the yarn cache out of the image")
            .bad("FROM node:22\nRUN yarn install\n", 2)
            .good("FROM node:22\nRUN yarn install && yarn cache clean\n")
            .build();

    public static final Rule DL3061 = dl("DL3061", ERROR)
            .description("Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.")
            .message("{instruction} before the first FROM: a Dockerfile starts with FROM (or ARG for FROM)")
            .bad("LABEL version=1\nFROM alpine\n", 1)
            .good("ARG VERSION=3.20\nFROM alpine:${VERSION}\n")
            .build();

    public static final Rule DL3062 = dl("DL3062", WARNING)
            .description("Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`")
            .message("Pin versions in go install: use '{package}@<version>'")
            .bad("FROM golang:1.22\nRUN go install golang.org/x/tools/gopls\n", 2)
            .good("FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3 && go install ./cmd/...\n")
            .build();

    public static final Rule DL4000 = dl("DL4000", ERROR)
            .description("MAINTAINER is deprecated.")
            .message("MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=...")
            .bad("FROM alpine\nMAINTAINER me@example.com\n", 2)
            .good("FROM alpine\nLABEL org.opencontainers.image.authors=me@example.com\n")
            .build();

    public static final Rule DL4001 = dl("DL4001", WARNING)
            .description("Either use Wget or Curl but not both.")
            .message("This stage uses both wget and curl: pick one")
            .bad("FROM debian:12\nRUN curl -fsSL https://example.com/a -o a\nRUN wget -nv https://example.com/b\n", 3)
            .good("FROM debian:12\nRUN curl -fsSL https://example.com/a -o a && curl -fsSLO https://example.com/b\n")
            .build();

    public static final Rule DL4003 = dl("DL4003", WARNING)
            .description("Multiple `CMD` instructions found.")
            .message("Only the last CMD of a stage counts: keep one")
            .bad("FROM alpine\nCMD [\"a\"]\nCMD [\"b\"]\n", 3)
            .good("FROM alpine\nCMD [\"b\"]\n")
            .build();

    public static final Rule DL4004 = dl("DL4004", ERROR)
            .description("Multiple `ENTRYPOINT` instructions found.")
            .message("Only the last ENTRYPOINT of a stage counts: keep one")
            .bad("FROM alpine\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", 3)
            .good("FROM alpine\nENTRYPOINT [\"b\"]\n")
            .build();

    public static final Rule DL4005 = dl("DL4005", WARNING)
            .description("Use `SHELL` to change the default shell.")
            .message("Use SHELL to change the default shell instead of linking /bin/sh")
            .bad("FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n", 2)
            .good("FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n")
            .build();

    public static final Rule DL4006 = dl("DL4006", WARNING)
            .description("Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check")
            .message("A failure before this pipe is hidden: start the script with 'set -o pipefail' or use SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]")
            .bad("FROM debian:12\nRUN wget -qO- https://example.com/install.sh | sh\n", 2)
            .good("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://example.com/install.sh | sh\n")
            .good("FROM debian:12\nRUN set -eux -o pipefail; wget -qO- https://example.com/install.sh | sh\n")
            .build();

    static final List<Rule> ALL = List.of(DL3000, DL3001, DL3002, DL3003, DL3004, DL3006, DL3007, DL3008, DL3009,
            DL3011, DL3012, DL3013, DL3014, DL3015, DL3016, DL3018, DL3019, DL3020, DL3021, DL3022, DL3023, DL3025,
            DL3026, DL3027, DL3028, DL3030, DL3032, DL3033, DL3034, DL3035, DL3036, DL3037, DL3038, DL3040, DL3041,
            DL3042, DL3044, DL3045, DL3046, DL3047, DL3048, DL3049, DL3059, DL3060, DL3061, DL3062, DL4000, DL4001,
            DL4003, DL4004, DL4005, DL4006);
}
