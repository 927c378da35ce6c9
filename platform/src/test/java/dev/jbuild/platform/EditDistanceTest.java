package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void levenshteinCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, EditDistance.levenshtein("run", "run"));
        assertEquals(2, EditDistance.levenshtein("form", "from"));
        assertEquals(3, EditDistance.levenshtein("kitten", "sitting"));
    }

    @Test
    void aSwapOfTwoLettersCostsTwo() {
        assertEquals(2, EditDistance.levenshtein("biuld", "build"));
        assertEquals(3, EditDistance.levenshtein("biuld", "pull"));
    }

    @Test
    void theClosestOptionIsSuggestedOnlyWithinTwoEditsAndNeverForAnExactMatch() {
        assertEquals("abz", EditDistance.closest("abc", List.of("xyz", "abzz", "abz")));
        assertEquals("abx", EditDistance.closest("abc", List.of("abx", "aby")), "ties go to the earlier option");
        assertNull(EditDistance.closest("abc", List.of("xyz")));
        assertNull(EditDistance.closest("abc", List.of("abd", "abc")), "the word is an option: the mistake is elsewhere");
    }
}
