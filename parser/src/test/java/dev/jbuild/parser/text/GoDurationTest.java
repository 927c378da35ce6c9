package dev.jbuild.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's own ParseDuration examples (time/time_test.go), and Docker's until values. */
class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1}ns")
    @CsvSource({
        "0, 0",
        "-0, 0",
        "+0, 0",
        "5s, 5000000000",
        "30s, 30000000000",
        "1478s, 1478000000000",
        "-5s, -5000000000",
        "+5s, 5000000000",
        "5.0s, 5000000000",
        "5.6s, 5600000000",
        "5.s, 5000000000",
        ".5s, 500000000",
        "1.004s, 1004000000",
        "100.00100s, 100001000000",
        "10ns, 10",
        "11us, 11000",
        "12\u00b5s, 12000",
        "12\u03bcs, 12000",
        "13ms, 13000000",
        "15m, 900000000000",
        "16h, 57600000000000",
        "24h, 86400000000000",
        "90m, 5400000000000",
        "1h30m, 5400000000000",
        "10s, 10000000000",
        "10.5s4m, 250500000000",
        "-2m3.4s, -123400000000",
        "1h2m3s4ms5us6ns, 3723004005006",
        "39h9m14.425s, 140954425000000",
        "0.3333333333333333333h, 1200000000000",
        "0.830103483285477580700h, 2988372539827",
        "9223372036854775807ns, 9223372036854775807",
        "9223372036854775.807us, 9223372036854775807",
        "9223372036s854ms775us807ns, 9223372036854775807",
        "-9223372036854775808ns, -9223372036854775808",
        "-9223372036854775.808us, -9223372036854775808",
    })
    void parsesLikeGo(String text, String nanos) {
        assertEquals(Duration.ofNanos(Long.parseLong(nanos)), GoDuration.parse(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''| time: invalid duration \"\"",
        "3| time: missing unit in duration \"3\"",
        "-| time: invalid duration \"-\"",
        "s| time: invalid duration \"s\"",
        ".| time: invalid duration \".\"",
        "-.| time: invalid duration \"-.\"",
        ".s| time: invalid duration \".s\"",
        "+.s| time: invalid duration \"+.s\"",
        "1d| time: unknown unit \"d\" in duration \"1d\"",
        "1h1| time: missing unit in duration \"1h1\"",
        "24 h| time: unknown unit \" h\" in duration \"24 h\"",
        "9223372036854775808ns| time: invalid duration \"9223372036854775808ns\"",
        "9223372036854775.808us| time: invalid duration \"9223372036854775.808us\"",
        "-9223372036854775809ns| time: invalid duration \"-9223372036854775809ns\"",
        "3000000h| time: invalid duration \"3000000h\"",
    })
    void rejectsWithGosMessage(String text, String message) {
        assertEquals(message, assertThrows(GoDuration.InvalidDurationException.class, () -> GoDuration.parse(text)).getMessage());
    }
}
