package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.platform.NetworkMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnbuildParsingTest {

    @Test
    void triggerIsParsedAndCheckedLikeAnyInstruction() {
        Onbuild onbuild = Raw.of("ONBUILD").nested(Raw.of("RUN", "make test").flags("--network=none"))
                .original("ONBUILD RUN --network=none make test")
                .parseAs(Onbuild.class);
        Run run = (Run) onbuild.trigger();
        assertEquals(new Command.ShellForm("make test"), run.command());
        assertEquals(NetworkMode.NONE, run.network());
        assertEquals("RUN --network=none make test", onbuild.expression());
        assertEquals("ONBUILD", onbuild.name());
    }

    @Test
    void expressionDropsTheKeywordInAnyCase() {
        Onbuild onbuild = Raw.of("onbuild").nested(Raw.json("COPY", "a b", "/dst/"))
                .original("  onbuild   COPY [\"a b\", \"/dst/\"]").parseAs(Onbuild.class);
        assertEquals("COPY [\"a b\", \"/dst/\"]", onbuild.expression());
        assertEquals(List.of("a b"), ((Copy) onbuild.trigger()).sources());
    }

    @Test
    void heredocsOfTheLineReachTheTriggerAndTheExpression() {
        Heredoc body = new Heredoc("EOF", 0, true, false, "echo hi\n");
        Onbuild onbuild = Raw.of("ONBUILD").nested(Raw.of("RUN", "<<EOF")).heredoc(body)
                .original("ONBUILD RUN <<EOF").parseAs(Onbuild.class);
        assertEquals(new Command.ShellForm("<<EOF", List.of(body)), ((Run) onbuild.trigger()).command());
        assertEquals("RUN <<EOF\necho hi\nEOF", onbuild.expression());
    }

    @Test
    void chainedOnbuildIsRejected() {
        Raw.of("ONBUILD").nested(Raw.of("ONBUILD").nested(Raw.of("RUN", "x"))).at(3)
                .fails("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }

    @Test
    void fromTriggerIsRejected() {
        Raw.of("ONBUILD").nested(Raw.of("from", "alpine")).at(4).fails("FROM isn't allowed as an ONBUILD trigger");
    }

    @Test
    void maintainerTriggerIsRejected() {
        Raw.of("ONBUILD").nested(Raw.of("Maintainer", "me")).at(5)
                .fails("MAINTAINER isn't allowed as an ONBUILD trigger");
    }

    @Test
    void emptyOnbuildIsRejected() {
        Raw.of("ONBUILD").at(6).fails("ONBUILD requires at least one argument");
    }

    @Test
    void flagsBeforeTheTriggerBelongToOnbuildAndAreUnknown() {
        Raw.of("ONBUILD").flags("--x").nested(Raw.of("RUN", "y")).at(7).fails("unknown flag: --x", null);
    }

    @Test
    void invalidTriggerIsReportedWithTheTriggersMessage() {
        Raw.of("ONBUILD").nested(Raw.of("COPY", "only")).at(8)
                .fails("COPY requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    @Test
    void unknownTriggerKeywordSuggestsTheClosest() {
        Raw.of("ONBUILD").nested(Raw.of("RUNN", "")).at(9).fails("unknown instruction: RUNN", "did you mean RUN?");
    }
}
