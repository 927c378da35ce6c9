package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ChmodUnsearchableDirectory: which directories it names, and what it says to do. */
class ChmodRuleTest {
    private static List<String> messages(String dockerfile) {
        return Lints.only("ChmodUnsearchableDirectory", dockerfile).stream()
                .map(f -> f.line() + ":" + f.column() + " " + f.message()).toList();
    }

    @Test
    void namesTheDirectoriesTheCopyCreatesAndTheFix() {
        assertEquals(List.of("2:6 --chmod=644 also gives /srv/app, /srv/app/conf mode 0644, which only root can enter: "
                        + "use --chmod=u=rwX,go=rX (X sets search on directories only) or create them first with RUN mkdir -p"),
                messages("FROM alpine:3.20\nCOPY --chmod=644 config.yml /srv/app/conf/config.yml\n"));
    }

    @Test
    void symbolicModesCountWhatTheyMakeOfADirectory() {
        assertEquals(List.of("2:6 --chmod=u=rw,go=r also gives /opt/app mode 0644, which only root can enter: "
                        + "use --chmod=u=rwX,go=rX (X sets search on directories only) or create them first with RUN mkdir -p"),
                messages("FROM alpine:3.20\nCOPY --chmod=u=rw,go=r a.conf /opt/app/\n"));
        assertEquals(List.of(), messages("FROM alpine:3.20\nCOPY --chmod=go-w a.conf /opt/app/\n"), "0755 stays searchable");
    }

    /** On scratch nothing exists; WORKDIR and earlier copies of the stage make directories that then exist. */
    @Test
    void knowsWhatExistsFromScratchWorkdirAndEarlierCopies() {
        assertEquals(List.of(), messages("FROM scratch\nWORKDIR /etc/app\nCOPY --chmod=600 key /etc/app/key\n"));
        assertEquals(1, messages("FROM scratch\nCOPY --chmod=600 key /etc/key\n").size());
        assertEquals(List.of(), messages("FROM alpine:3.20\nCOPY conf /srv/app/\nCOPY --chmod=600 key /srv/app/key\n"));
        assertEquals(1, messages("FROM scratch AS base\nFROM base\nCOPY --chmod=600 key /etc/key\n").size(),
                "a stage on a stage on scratch has nothing either");
    }

    @Test
    void aVariableModeOrDestinationIsLeftToTheBuild() {
        assertEquals(List.of(), messages("FROM alpine:3.20\nARG M=644\nCOPY --chmod=$M key /srv/app/key\n"));
        assertEquals(List.of(), messages("FROM alpine:3.20\nARG D=/srv/app\nCOPY --chmod=644 key $D/key\n"));
    }
}
