package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RUN analysis beyond the catalogue examples: heredocs, mounts, continuations, exec form and edge cases. */
class RunScriptRulesTest {

    @Test
    void aCacheMountOnTheAptListsIsNotAForgottenCleanup() {
        String dockerfile = "FROM debian:12\n"
                + "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n"
                + "    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n"
                + "    rm -f /etc/apt/apt.conf.d/docker-clean \\\n"
                + " && apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n";
        assertEquals(List.of(), Lints.only("DL3009", dockerfile));
        assertEquals(List.of(5), Lints.lines(Lints.only("DL3009", dockerfile.replace("target=/var/lib/apt,", "target=/tmp/x,"))));
    }

    @Test
    void aptListsInAStageOnlyCopiedFromAreNotReported() {
        String dockerfile = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3\n"
                + "FROM debian:12\nCOPY --from=build /usr/bin/gcc /usr/bin/gcc\n";
        assertEquals(List.of(), Lints.only("DL3009", dockerfile));
    }

    @Test
    void findingsInsideAContinuedRunPointAtThePhysicalLineAndColumn() {
        String dockerfile = "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        curl=7.88.1-10 \\\n        git \\\n    && rm -rf /var/lib/apt/lists/*\n";
        List<Finding> findings = Lints.only("DL3008", dockerfile);
        assertEquals(1, findings.size());
        assertEquals(5, findings.get(0).line());
        assertEquals(9, findings.get(0).column());
        assertEquals("Pin versions in apt-get install: use 'git=<version>'", findings.get(0).message());
    }

    @Test
    void commentLinesInsideAContinuationDoNotShiftPositions() {
        String dockerfile = "FROM alpine:3.20\nRUN apk add --no-cache \\\n# tools\n    bash=5.2.26-r0 \\\n\n    jq\n";
        List<Finding> findings = Lints.only("DL3018", dockerfile);
        assertEquals(List.of(6), Lints.lines(findings));
        assertEquals(5, findings.get(0).column());
    }

    @Test
    void heredocBodiesRunByTheShellAreAnalysedAtTheirOwnLines() {
        String dockerfile = "FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF\n";
        assertEquals(List.of(5), Lints.lines(Lints.only("DL3008", dockerfile)));
        assertEquals(List.of(), Lints.only("DL3009", dockerfile));
        String bash = dockerfile.replace("RUN <<EOF", "RUN bash <<EOF");
        assertEquals(List.of(5), Lints.lines(Lints.only("DL3008", bash)));
    }

    @Test
    void heredocsForOtherProgramsAreNotReadAsShell() {
        String python = "FROM python:3.12\nRUN python3 <<EOF\nimport os\nos.system('apt-get install curl')\nEOF\n";
        assertEquals(List.of(), Lints.only("DL3008", python));
        String shebang = "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nprint('cd /tmp')\nEOF\n";
        assertEquals(List.of(), Lints.only("DL3003", shebang));
        String data = "FROM debian:12\nRUN cat <<EOF > /etc/motd\napt-get install curl\nEOF\n";
        assertEquals(List.of(), Lints.only("DL3008", data));
    }

    @Test
    void execFormRunIsReadAsOneCommand() {
        assertEquals(List.of(2), Lints.lines(Lints.only("DL3008", "FROM debian:12\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n")));
        assertEquals(List.of(2), Lints.lines(Lints.only("DL3004", "FROM debian:12\nRUN [\"/bin/sh\", \"-c\", \"sudo true\"]\n")));
    }

    @Test
    void packagesGivenAsVariablesAreNotReportedAsUnpinned() {
        assertEquals(List.of(), Lints.only("DL3008", "FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS \"${EXTRA}\"\n"));
    }

    @Test
    void quietTwiceImpliesYesForAptGet() {
        assertEquals(List.of(), Lints.only("DL3014", "FROM debian:12\nRUN apt-get -qq install curl\n"));
        assertEquals(List.of(), Lints.only("DL3014", "FROM debian:12\nRUN apt-get install --assume-yes curl\n"));
        assertEquals(List.of(2), Lints.lines(Lints.only("DL3014", "FROM debian:12\nRUN apt-get -q install curl\n")));
    }

    @Test
    void wrappersAndSubshellsAreSeenThrough() {
        assertEquals(List.of(2), Lints.lines(Lints.only("DL3008", "FROM debian:12\nRUN (DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y curl)\n")));
        assertEquals(List.of(2), Lints.lines(Lints.only("DL3027", "FROM debian:12\nRUN if true; then apt install -y curl; fi\n")));
    }

    @Test
    void pipInstallFromRequirementsAloneIsPinnedAndPythonDashMPipIsPip() {
        assertEquals(List.of(), Lints.only("DL3013", "FROM python:3.12\nRUN pip install -r requirements.txt\n"));
        assertEquals(List.of(2), Lints.lines(Lints.only("DL3013", "FROM python:3.12\nRUN python3 -m pip install --no-cache-dir flask\n")));
        assertEquals(List.of(), Lints.only("DL3042", "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n"));
    }

    @Test
    void pipefailInTheShellOrTheScriptProtectsPipes() {
        String pipe = "RUN curl -fsSL https://example.com | tar -xz\n";
        assertEquals(List.of(2), Lints.lines(Lints.only("DL4006", "FROM debian:12\n" + pipe)));
        assertEquals(List.of(), Lints.only("DL4006", "FROM debian:12\nSHELL [\"/bin/bash\", \"-euo\", \"pipefail\", \"-c\"]\n" + pipe));
        assertEquals(List.of(), Lints.only("DL4006", "FROM debian:12\nRUN a || b\n"));
        assertEquals(List.of(), Lints.only("DL4006", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Item x | Select-Object Name\n"));
    }

    @Test
    void cdInASubshellIsFine() {
        assertEquals(List.of(), Lints.only("DL3003", "FROM alpine:3.20\nRUN (cd /tmp && make) && echo $(cd /x && pwd)\n"));
    }

    @Test
    void userCreatedByAParentStageExists() {
        String dockerfile = "FROM debian:12 AS base\nRUN useradd app\nFROM base\nUSER app\n";
        assertEquals(List.of(), Lints.only("UserNotYetCreated", dockerfile));
    }

    @Test
    void runUsingAGlobalArgThatTheStageRedeclaresIsFine() {
        String dockerfile = "ARG V=1\nFROM alpine:3.20\nARG V\nRUN echo $V\nFROM alpine:3.20\nRUN V=2; echo $V && echo '$V'\n";
        assertEquals(List.of(), Lints.only("ArgUsedBeforeDeclaration", dockerfile));
    }
}
