package dev.jbuild.builder.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PruneFiltersTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "until={0}")
    @CsvSource({
        "24h, 2024-05-09T12:00:00Z",
        "90m, 2024-05-10T10:30:00Z",
        "1h30m, 2024-05-10T10:30:00Z",
        "10s, 2024-05-10T11:59:50Z",
        "-1h, 2024-05-10T13:00:00Z",
        "2024-01-02T15:04:05Z, 2024-01-02T15:04:05Z",
        "2024-01-02T15:04:05.5Z, 2024-01-02T15:04:05.500Z",
        "2024-01-02T15:04:05+02:00, 2024-01-02T13:04:05Z",
        "2024-01-02T15:04:05, 2024-01-02T14:04:05Z",
        "2024-01-02T15:04, 2024-01-02T14:04:00Z",
        "2024-01-02, 2024-01-01T23:00:00Z",
        "2024-01-02T15, 2024-01-02T14:00:00Z",
        "2024-01-02T15Z, 2024-01-02T15:00:00Z",
        "2024-01-02T15+02:00, 2024-01-02T13:00:00Z",
        "2024-01-02T15:04Z, 2024-01-02T15:04:00Z",
        "2024-01-02Z, 2024-01-02T00:00:00Z",
        "2024-01-02-05:00, 2024-01-02T05:00:00Z",
        "1700000000, 2023-11-14T22:13:20Z",
        "1700000000.25, 2023-11-14T22:13:20.250Z",
        "0, 1970-01-01T00:00:00Z",
    })
    void untilIsADurationBeforeNowATimeOrUnixSeconds(String value, String expected) {
        assertEquals(Instant.parse(expected), PruneFilters.until(List.of("until=" + value), NOW, ZONE));
    }

    @Test
    void noFilterMeansNoCutoffAndKeysAreTrimmedAndCaseInsensitive() {
        assertNull(PruneFilters.until(List.of(), NOW, ZONE));
        assertEquals(NOW.minus(Duration.ofHours(1)), PruneFilters.until(List.of(" UNTIL = 1h "), NOW, ZONE));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "label=a=b| invalid filter 'label'",
        "dangling=true| invalid filter 'dangling'",
        "until| bad format of filter (expected name=value): 'until'",
        "until=| failed to parse value as time or duration: \"\"",
        "until=yesterday| failed to parse value as time or duration: \"yesterday\"",
        "until=1d| failed to parse value as time or duration: \"1d\"",
        "until=2024-13-01| failed to parse value as time or duration: \"2024-13-01\"",
        "until=2024-01-02T25| failed to parse value as time or duration: \"2024-01-02T25\"",
        "until=2024-02-30Z| failed to parse value as time or duration: \"2024-02-30Z\"",
    })
    void rejectsWhatDockerRejects(String filter, String message) {
        assertEquals(message, assertThrows(PruneArgumentException.class,
                () -> PruneFilters.until(List.of(filter), NOW, ZONE)).getMessage());
    }

    @Test
    void twoUntilFiltersAreAnError() {
        assertEquals("more than one until filter specified", assertThrows(PruneArgumentException.class,
                () -> PruneFilters.until(List.of("until=1h", "until=2h"), NOW, ZONE)).getMessage());
    }
}
