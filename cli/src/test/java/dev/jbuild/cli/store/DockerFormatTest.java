package dev.jbuild.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DockerFormatTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0B", "1, 1B", "999, 999B", "1000, 1kB", "1234, 1.23kB", "12345, 12.3kB", "123456, 123kB",
            "999999, 1e+03kB", "4261550, 4.26MB", "1000000000, 1GB", "7654321098, 7.65GB"})
    void sizesAreShownLikeGoUnitsHumanSizeWithPrecision3(long bytes, String shown) {
        assertEquals(shown, DockerFormat.humanSize(bytes));
    }

    /** Hours are rounded before the day, week and month buckets, as go-units does (47.5 hours is "2 days"). */
    @ParameterizedTest
    @CsvSource({
            "0, Less than a second", "1, 1 second", "59, 59 seconds", "60, About a minute", "119, About a minute",
            "120, 2 minutes", "3599, 59 minutes", "3600, About an hour", "5399, About an hour", "5400, 2 hours",
            "170999, 47 hours", "171000, 2 days", "172800, 2 days", "1207799, 13 days", "1209600, 2 weeks", "5180400, 8 weeks",
            "5184000, 2 months", "63068400, 24 months", "63072000, 2 years"})
    void agesAreShownLikeGoUnitsHumanDuration(long seconds, String shown) {
        assertEquals(shown, DockerFormat.humanDuration(Duration.ofSeconds(seconds)));
    }

    @Test
    void createdSinceSaysAgoOrNotAvailable() {
        Instant now = Instant.parse("2024-05-01T00:00:00Z");
        assertEquals("3 hours ago", DockerFormat.createdSince(now.minusSeconds(3 * 3600), now));
        assertEquals("N/A", DockerFormat.createdSince(null, now));
    }

    @Test
    void ellipsisCutsToTheWidthWithTheLastCharacterAnEllipsis() {
        assertEquals("short", DockerFormat.ellipsis("short", 45));
        String long50 = "/bin/sh -c #(nop) ADD file:0123456789abcdef in /x ";
        assertEquals(50, long50.length());
        String cut = DockerFormat.ellipsis(long50, 45);
        assertEquals(45, cut.codePointCount(0, cut.length()));
        assertEquals(long50.substring(0, 44) + "…", cut);
    }

    @Test
    void tableColumnsArePaddedLikeTabwriterWithMinWidthTenAndPaddingThree() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TabTable().row("REPOSITORY", "TAG", "SIZE").row("a/long-repository", "latest", "1kB")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("REPOSITORY          TAG       SIZE\n"
                + "a/long-repository   latest    1kB\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
