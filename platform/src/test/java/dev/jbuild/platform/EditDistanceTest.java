package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
