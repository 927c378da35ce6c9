package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandInstructionsTest {

    @Test
    void cmdShellForm() {
        Cmd cmd = Raw.of("CMD", "nginx -g 'daemon off;'").parseAs(Cmd.class);
        assertEquals(new Command.ShellForm("nginx -g 'daemon off;'"), cmd.command());
        assertEquals("CMD", cmd.name());
    }

    @Test
    void cmdExecForm() {
        assertEquals(new Command.ExecForm(List.of("/app", "--serve")),
                Raw.json("CMD", "/app", "--serve").parseAs(Cmd.class).command());
    }

    @Test
    void emptyJsonCmdIsAnEmptyArgv() {
        assertEquals(new Command.ExecForm(List.of()), Raw.json("CMD").parseAs(Cmd.class).command());
    }

    @Test
    void cmdRejectsFlags() {
        Raw.of("CMD", "a").flags("--detached").at(3).fails("unknown flag: --detached", null);
    }

    @Test
    void entrypointShellAndExecForms() {
        assertEquals(new Command.ShellForm("/app"), Raw.of("ENTRYPOINT", "/app").parseAs(Entrypoint.class).command());
        assertEquals(new Command.ExecForm(List.of("tini", "--")),
                Raw.json("ENTRYPOINT", "tini", "--").parseAs(Entrypoint.class).command());
    }

    @Test
    void entrypointWithoutArgumentsIsAnEmptyShellScript() {
        Entrypoint entrypoint = Raw.of("ENTRYPOINT").parseAs(Entrypoint.class);
        assertEquals(new Command.ShellForm(""), entrypoint.command());
        assertEquals("ENTRYPOINT", entrypoint.name());
    }

    @Test
    void entrypointRejectsFlags() {
        Raw.of("ENTRYPOINT", "a").flags("--init").at(4).fails("unknown flag: --init", null);
    }

    @Test
    void shellTakesTheJsonArray() {
        Shell shell = Raw.json("SHELL", "powershell", "-command").parseAs(Shell.class);
        assertEquals(List.of("powershell", "-command"), shell.argv());
        assertEquals("SHELL", shell.name());
    }

    @Test
    void shellInShellFormIsRejected() {
        Raw.of("SHELL", "['powershell', '-command']").at(5).fails("SHELL requires the arguments to be in JSON form");
    }

    @Test
    void emptyJsonShellIsRejected() {
        Raw.json("SHELL").at(6).fails("SHELL requires at least one argument");
    }

    @Test
    void shellRejectsFlags() {
        Raw.json("SHELL", "sh").flags("--login").at(7).fails("unknown flag: --login", null);
    }
}
