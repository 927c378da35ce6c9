package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jbuild.parser.syntax.SourceRange;
import org.junit.jupiter.api.Test;

class FromParsingTest {

    @Test
    void imageAloneHasNoStageNameOrPlatform() {
        From from = Raw.of("FROM", "alpine:3.20").at(2).parseAs(From.class);
        assertEquals(new From("alpine:3.20", null, null, SourceRange.line("Dockerfile", 2, 1)), from);
        assertEquals("FROM", from.name());
    }

    @Test
    void stageNameIsLowerCasedAndAsIsCaseInsensitive() {
        From from = Raw.of("from", "golang:1.22", "aS", "Build").parseAs(From.class);
        assertEquals("golang:1.22", from.image());
        assertEquals("build", from.stageName());
    }

    @Test
    void platformIsKeptRawWithItsVariable() {
        From from = Raw.of("FROM", "golang", "AS", "b").flags("--platform=$BUILDPLATFORM").parseAs(From.class);
        assertEquals("$BUILDPLATFORM", from.platform());
    }

    @Test
    void emptyPlatformCountsAsAbsent() {
        assertNull(Raw.of("FROM", "alpine").flags("--platform=").parseAs(From.class).platform());
    }

    @Test
    void imageWithVariableIsKeptRaw() {
        assertEquals("${BASE}:${TAG}", Raw.of("FROM", "${BASE}:${TAG}").parseAs(From.class).image());
    }

    @Test
    void stageNameMayHoldDigitsDashesUnderscoresAndDots() {
        assertEquals("a1-b_c.d", Raw.of("FROM", "x", "AS", "a1-b_c.d").parseAs(From.class).stageName());
    }

    @Test
    void twoArgumentsAreRejected() {
        Raw.of("FROM", "alpine", "AS").at(4).fails("FROM requires either one or three arguments");
    }

    @Test
    void threeArgumentsWithoutAsAreRejected() {
        Raw.of("FROM", "alpine", "to", "x").at(5).fails("FROM requires either one or three arguments");
    }

    @Test
    void noArgumentIsRejected() {
        Raw.of("FROM").at(6).fails("FROM requires either one or three arguments");
    }

    @Test
    void stageNameStartingWithDigitIsRejected() {
        Raw.of("FROM", "alpine", "AS", "1st").at(7)
                .fails("invalid name for build stage: \"1st\", name can't start with a number or contain symbols");
    }

    @Test
    void stageNameWithSymbolIsRejectedQuotingTheNameAsWritten() {
        Raw.of("FROM", "alpine", "AS", "My$Stage").at(8)
                .fails("invalid name for build stage: \"My$Stage\", name can't start with a number or contain symbols");
    }

    @Test
    void misspelledPlatformFlagIsUnknownWithSuggestion() {
        Raw.of("FROM", "alpine").flags("--plattform=linux/amd64").at(9)
                .fails("unknown flag: --plattform", "did you mean platform?");
    }

    @Test
    void platformWithoutValueIsMissingAValue() {
        Raw.of("FROM", "alpine").flags("--platform").at(10).fails("missing a value on flag: --platform");
    }
}
