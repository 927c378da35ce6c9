package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.DEFAULT;
import static dev.jbuild.parser.shell.ExpanderFixture.ENV;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnmatchedNamesTest {
    @Test
    void reportsEveryUnsetNameInLookupOrderIncludingNestedWords() {
        Expansion expansion = DEFAULT.expandWord("$a ${b} ${c:-$d} $PWD ${PWD}", ENV);
        assertEquals("   /home /home", expansion.value());
        assertEquals(List.of("a", "b", "d", "c"), List.copyOf(expansion.unmatched()));
    }

    @Test
    void setButEmptyVariableIsNotUnmatched() {
        assertEquals(List.of(), List.copyOf(DEFAULT.expandWord("${NULL}${NULL:-x}", ENV).unmatched()));
    }

    @Test
    void trackedExpansionAlsoReportsTheNamesThatWereFound() {
        TrackedExpansion tracked = DEFAULT.expandWordTracked("$PWD $nope ${NULL:+y}", ENV);
        assertEquals("/home  ", tracked.value());
        assertEquals(List.of("PWD", "NULL"), List.copyOf(tracked.matched()));
        assertEquals(List.of("nope"), List.copyOf(tracked.unmatched()));
    }

    @Test
    void namesInsideSingleQuotesAreNotLookedUp() {
        assertEquals(List.of(), List.copyOf(DEFAULT.expandWord("'$a' \\$b", ENV).unmatched()));
    }
}
