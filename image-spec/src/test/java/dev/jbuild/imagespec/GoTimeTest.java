package dev.jbuild.imagespec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's RFC 3339 timestamps, written and read by hand, held to java.time's own reading and writing. */
class GoTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5Z", "2024-01-02T03:04:05.000000001Z",
            "2023-11-23T22:51:47.123456789+05:30", "1970-01-01T00:00:00-08:00", "2000-02-29T23:59:59.9z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-01-02t03:04:05Z"})
    void readsWhatJavaTimeReads(String text) {
        Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();

        assertEquals(expected, GoTime.parseOrNull(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-01-02", "2024-01-02T03:04:05", "2024-01-02T03:04Z", "2024-02-30T03:04:05Z",
            "2024-13-02T03:04:05Z", "2024-01-02T24:04:05Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05.1234567891Z",
            "2024-01-02T03:04:05+0530", "2024-01-02T03:04:05+05:60", "2024-01-02 03:04:05Z", "yesterday at noon!!!",
            "2024-01-02T03:04:05ZZ", "+2024-01-02T03:04:05Z"})
    void anythingElseIsNull(String text) {
        assertNull(GoTime.parseOrNull(text));
    }

    @Test
    void writesWhatJavaTimeWritesWithGosFractionTrimmed() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Instant instant = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253_402_300_800L),
                    i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
            String seconds = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
            String fraction = String.format("%09d", instant.getNano()).replaceFirst("0+$", "");
            String expected = fraction.isEmpty() ? seconds : seconds.replace("Z", "." + fraction + "Z");
            assertEquals(expected, GoTime.format(instant), instant.toString());
            assertEquals(instant, GoTime.parseOrNull(GoTime.format(instant)));
        }
    }
}
