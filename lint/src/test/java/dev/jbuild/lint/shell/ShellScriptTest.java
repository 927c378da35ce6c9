package dev.jbuild.lint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShellScriptTest {

    private static List<List<String>> words(String script) {
        return ShellScript.parse(script).commands().stream()
                .map(c -> c.words().stream().map(ShellWord::text).toList()).toList();
    }

    @Test
    void splitsCommandsOnOperatorsAndRemovesQuotesAndRedirections() {
        assertEquals(List.of(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "curl"), List.of("echo", "a b", "c"),
                        List.of("make")),
                words("apt-get update && apt-get install -y curl >/dev/null 2>&1; echo \"a b\" 'c' || make"));
    }

    @Test
    void recordsWordOffsetsAndExpansions() {
        ShellCommand c = ShellScript.parse("  pip install \"$PKG\" x").commands().get(0);
        assertEquals(2, c.words().get(0).offset());
        assertEquals(14, c.words().get(2).offset());
        assertTrue(c.words().get(2).expands());
        assertEquals(false, c.words().get(3).expands());
    }

    @Test
    void readsSubstitutionsSubshellsAndControlFlow() {
        ShellScript s = ShellScript.parse("if [ -f x ]; then (cd /tmp && make); fi; for f in a b; do rm $f; done; v=$(uname -m)");
        List<String> names = s.commands().stream().map(ShellCommand::name).toList();
        assertEquals(List.of("[", "cd", "make", "rm", "uname"), names);
        assertEquals(1, s.commands().get(1).depth());
        assertEquals(Set.of("f", "v"), s.assignedNames());
    }

    @Test
    void knowsPipesHeredocMarkersAndAssignments() {
        ShellScript s = ShellScript.parse("FOO=1 curl -s x | sh; cat <<'EOF' > /f");
        assertEquals(List.of(16), s.pipes());
        assertTrue(s.commands().get(0).piped());
        assertEquals(List.of("FOO=1"), s.commands().get(0).assignments().stream().map(ShellWord::text).toList());
        assertEquals(List.of("EOF"), s.commands().get(2).heredocs());
        assertEquals(List.of("cat"), s.commands().get(2).words().stream().map(ShellWord::text).toList());
    }

    @Test
    void seesThroughWrappersAndReadsOptionsAndOperands() {
        ShellCommand c = ShellScript.parse("sudo -u root env A=1 apt-get -o Acquire::Retries=3 -qy install curl=1 git").commands().get(0).unwrapped();
        assertEquals("apt-get", c.name());
        Set<String> withValue = Set.of("-o");
        assertEquals("install", c.subcommand(withValue));
        assertEquals(List.of("curl=1", "git"), c.operands(withValue).stream().map(ShellWord::text).toList());
        assertTrue(c.hasShortFlag('y'));
        assertTrue(c.hasShortFlag('q'));
    }

    @Test
    void survivesBrokenScripts() {
        assertEquals(List.of(List.of("echo", "unterminated")), words("echo 'unterminated"));
        assertEquals(List.of(List.of("oops"), List.of("echo", "$(oops")), words("echo $(oops"));
    }
}
