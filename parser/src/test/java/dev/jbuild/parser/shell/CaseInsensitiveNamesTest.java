package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.DEFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseInsensitiveNamesTest {
    @Test
    void mapLookupMatchesAnyCaseWhenEnabled() {
        VariableLookup env = VariableLookup.of(Map.of("Path", "/bin"));
        ShellExpander windows = DEFAULT.withCaseInsensitiveNames(true);
        assertEquals("/bin /bin /bin", windows.expandWord("$PATH ${path} $Path", env).value());
        assertEquals("  /bin", DEFAULT.expandWord("$PATH ${path} $Path", env).value());
    }

    @Test
    void customLookupIsAskedForTheUpperCasedName() {
        VariableLookup env = name -> name.equals("HOME") ? "/root" : null;
        Expansion expansion = DEFAULT.withCaseInsensitiveNames(true).expandWord("$home$nope", env);
        assertEquals("/root", expansion.value());
        assertEquals(List.of("nope"), List.copyOf(expansion.unmatched()));
    }
}
