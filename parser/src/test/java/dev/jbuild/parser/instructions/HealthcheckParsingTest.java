package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthcheckParsingTest {

    @Test
    void noneDisablesTheCheck() {
        Healthcheck check = Raw.of("HEALTHCHECK", "NONE").parseAs(Healthcheck.class);
        assertTrue(check.isNone());
        assertNull(check.command());
        assertEquals("HEALTHCHECK", check.name());
    }

    @Test
    void noneIsCaseInsensitiveAndIgnoresFlagsLikeBuildKit() {
        assertTrue(Raw.of("HEALTHCHECK", "none").flags("--bogus=1").parseAs(Healthcheck.class).isNone());
    }

    @Test
    void noneWithArgumentsIsRejected() {
        Raw.of("HEALTHCHECK", "NONE", "x").at(2).fails("HEALTHCHECK NONE takes no arguments");
    }

    @Test
    void shellFormProbeWithoutFlagsLeavesDefaults() {
        Healthcheck check = Raw.of("HEALTHCHECK", "CMD", "curl -f http://localhost/ || exit 1").parseAs(Healthcheck.class);
        assertEquals(new Healthcheck(new Command.ShellForm("curl -f http://localhost/ || exit 1"),
                null, null, null, null, null, check.range()), check);
    }

    @Test
    void execFormProbeWithEveryTimingFlag() {
        Healthcheck check = Raw.json("HEALTHCHECK", "CMD", "/bin/check", "--fast")
                .flags("--interval=1m30s", "--timeout=500ms", "--start-period=1h", "--start-interval=2s", "--retries=5")
                .parseAs(Healthcheck.class);
        assertEquals(new Command.ExecForm(List.of("/bin/check", "--fast")), check.command());
        assertEquals(Duration.ofSeconds(90), check.interval());
        assertEquals(Duration.ofMillis(500), check.timeout());
        assertEquals(Duration.ofHours(1), check.startPeriod());
        assertEquals(Duration.ofSeconds(2), check.startInterval());
        assertEquals(5, check.retries());
    }

    @Test
    void zeroDurationsAndRetriesMeanDefault() {
        Healthcheck check = Raw.of("HEALTHCHECK", "CMD", "true").flags("--interval=0s", "--timeout=0", "--retries=0")
                .parseAs(Healthcheck.class);
        assertNull(check.interval());
        assertNull(check.timeout());
        assertNull(check.retries());
    }

    @Test
    void cmdKeywordIsCaseInsensitive() {
        assertEquals(new Command.ShellForm("true"), Raw.of("HEALTHCHECK", "cmd", "true").parseAs(Healthcheck.class).command());
    }

    @Test
    void noArgumentsIsRejected() {
        Raw.of("HEALTHCHECK").at(3).fails("HEALTHCHECK requires at least one argument");
    }

    @Test
    void unknownTypeIsRejectedUpperCased() {
        Raw.of("HEALTHCHECK", "foo", "x").at(4).fails("Unknown type \"FOO\" in HEALTHCHECK (try CMD)");
    }

    @Test
    void cmdWithoutProbeIsRejected() {
        Raw.of("HEALTHCHECK", "CMD").at(5).fails("Missing command after HEALTHCHECK CMD");
    }

    @Test
    void emptyJsonProbeIsRejected() {
        Raw.json("HEALTHCHECK", "CMD").at(6).fails("Missing command after HEALTHCHECK CMD");
    }

    @Test
    void intervalBelowOneMillisecondIsRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--interval=500us").at(7)
                .fails("Interval \"interval\" cannot be less than 1ms");
    }

    @Test
    void negativeTimeoutIsRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--timeout=-1s").at(8)
                .fails("Interval \"timeout\" cannot be less than 1ms");
    }

    @Test
    void tinyStartPeriodIsRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--start-period=1ns").at(9)
                .fails("Interval \"start-period\" cannot be less than 1ms");
    }

    @Test
    void tinyStartIntervalIsRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--start-interval=10us").at(10)
                .fails("Interval \"start-interval\" cannot be less than 1ms");
    }

    @Test
    void badDurationReportsGosMessage() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--interval=soon").at(11).fails("time: invalid duration \"soon\"");
    }

    @Test
    void durationWithoutUnitIsRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--interval=30").at(12)
                .fails("time: missing unit in duration \"30\"");
    }

    @Test
    void durationWithUnknownUnitIsRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--timeout=5sec").at(17)
                .fails("time: unknown unit \"sec\" in duration \"5sec\"");
    }

    @Test
    void negativeRetriesAreRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--retries=-1").at(13).fails("--retries cannot be negative (-1)");
    }

    @Test
    void nonNumericRetriesAreRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--retries=three").at(14)
                .fails("strconv.ParseInt: parsing \"three\": invalid syntax");
    }

    @Test
    void retriesBeyondInt32AreRejected() {
        Raw.of("HEALTHCHECK", "CMD", "true").flags("--retries=3000000000").at(15)
                .fails("strconv.ParseInt: parsing \"3000000000\": value out of range");
    }

    @Test
    void unknownFlagIsReportedBeforeUnknownType() {
        Raw.of("HEALTHCHECK", "FOO").flags("--intervals=1s").at(16)
                .fails("unknown flag: --intervals", "did you mean interval?");
    }
}
