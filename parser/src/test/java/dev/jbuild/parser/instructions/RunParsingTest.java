package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.platform.NetworkMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunParsingTest {

    @Test
    void shellFormKeepsTheCommandTextUnexpanded() {
        Run run = Raw.of("RUN", "echo $HOME && make").parseAs(Run.class);
        assertEquals(new Command.ShellForm("echo $HOME && make"), run.command());
        assertFalse(run.command().execForm());
        assertEquals(List.of(), run.mounts());
        assertNull(run.network());
        assertNull(run.security());
    }

    @Test
    void execFormKeepsEachElement() {
        Run run = Raw.json("RUN", "/bin/sh", "-c", "echo a b").parseAs(Run.class);
        assertEquals(new Command.ExecForm(List.of("/bin/sh", "-c", "echo a b")), run.command());
        assertTrue(run.command().execForm());
    }

    @Test
    void emptyExecFormIsAnEmptyArgv() {
        assertEquals(new Command.ExecForm(List.of()), Raw.json("RUN").parseAs(Run.class).command());
    }

    @Test
    void runWithoutArgumentsIsAnEmptyShellScript() {
        assertEquals(new Command.ShellForm(""), Raw.of("RUN").parseAs(Run.class).command());
    }

    @Test
    void heredocsAreAttachedToTheShellCommand() {
        Heredoc body = new Heredoc("EOF", 0, true, false, "echo hi\n");
        Run run = Raw.of("RUN", "<<EOF").heredoc(body).parseAs(Run.class);
        assertEquals(new Command.ShellForm("<<EOF", List.of(body)), run.command());
    }

    @Test
    void keywordIsCaseInsensitive() {
        assertEquals("RUN", Raw.of("rUn", "true").parseAs(Run.class).name());
    }

    @ParameterizedTest
    @EnumSource(NetworkMode.class)
    void everyNetworkModeIsAccepted(NetworkMode mode) {
        Run run = Raw.of("RUN", "true").flags("--network=" + mode.keyword()).parseAs(Run.class);
        assertEquals(mode, run.network());
    }

    @ParameterizedTest
    @EnumSource(SecurityMode.class)
    void everySecurityModeIsAccepted(SecurityMode mode) {
        Run run = Raw.of("RUN", "true").flags("--security=" + mode.keyword()).parseAs(Run.class);
        assertEquals(mode, run.security());
    }

    @Test
    void unknownNetworkModeIsRejected() {
        Raw.of("RUN", "true").flags("--network=bridge").at(3).fails("invalid network mode \"bridge\"");
    }

    @Test
    void networkModeIsCaseSensitive() {
        Raw.of("RUN", "true").flags("--network=HOST").at(4).fails("invalid network mode \"HOST\"");
    }

    @Test
    void emptyNetworkModeIsRejected() {
        Raw.of("RUN", "true").flags("--network=").at(5).fails("invalid network mode \"\"");
    }

    @Test
    void unknownSecurityModeIsRejected() {
        Raw.of("RUN", "true").flags("--security=privileged").at(6).fails("security \"privileged\" is not valid");
    }

    @Test
    void mountsAreParsedInOrder() {
        Run run = Raw.of("RUN", "make")
                .flags("--mount=type=cache,target=/root/.cache", "--mount=type=secret,id=npmrc")
                .parseAs(Run.class);
        assertEquals(2, run.mounts().size());
        assertEquals("/root/.cache", ((Mount.Cache) run.mounts().get(0)).target());
        assertEquals("npmrc", ((Mount.Secret) run.mounts().get(1)).id());
    }

    @Test
    void invalidMountIsReportedAtTheRunLine() {
        Raw.of("RUN", "make").flags("--mount=type=volume,target=/x").at(12)
                .fails("unsupported mount type \"volume\"", null);
    }

    @Test
    void duplicateNetworkFlagIsRejected() {
        Raw.of("RUN", "true").flags("--network=none", "--network=host").at(7)
                .fails("duplicate flag specified: --network");
    }

    @Test
    void misspelledMountFlagSuggestsMount() {
        Raw.of("RUN", "true").flags("--mnt=type=tmpfs,target=/t").at(8)
                .fails("unknown flag: --mnt", "did you mean mount?");
    }

    @Test
    void copyFlagOnRunIsUnknown() {
        Raw.of("RUN", "true").flags("--chown=1:1").at(9).fails("unknown flag: --chown", null);
    }

    @Test
    void mountWithoutValueIsMissingAValue() {
        Raw.of("RUN", "true").flags("--mount").at(10).fails("missing a value on flag: --mount");
    }

    @Test
    void flagWordWithoutDashesIsRejected() {
        Raw.of("RUN", "true").flags("-x").at(11).fails("arg should start with -- : -x");
    }

    @Test
    void doubleDashEndsFlagReading() {
        Run run = Raw.of("RUN", "true").flags("--network=none", "--", "--bogus").parseAs(Run.class);
        assertEquals(NetworkMode.NONE, run.network());
    }
}
