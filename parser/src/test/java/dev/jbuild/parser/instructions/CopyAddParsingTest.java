package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.syntax.Heredoc;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyAddParsingTest {

    // --- COPY ---------------------------------------------------------------------------------

    @Test
    void copySplitsSourcesAndDestination() {
        Copy copy = Raw.of("COPY", "a.txt", "dir/", "$APP_HOME/").parseAs(Copy.class);
        assertEquals(new Copy(List.of("a.txt", "dir/"), List.of(), "$APP_HOME/", null, null, null, false, false,
                List.of(), copy.range()), copy);
        assertEquals("COPY", copy.name());
    }

    @Test
    void copyJsonFormKeepsSpacesInPaths() {
        Copy copy = Raw.json("COPY", "my file", "/dst dir/").parseAs(Copy.class);
        assertEquals(List.of("my file"), copy.sources());
        assertEquals("/dst dir/", copy.destination());
    }

    @Test
    void copyTakesEveryFlag() {
        Copy copy = Raw.of("COPY", "src", "/dst")
                .flags("--from=build", "--chown=app:app", "--chmod=0644", "--link", "--parents",
                        "--exclude=*.md", "--exclude=tmp/")
                .parseAs(Copy.class);
        assertEquals("build", copy.from());
        assertEquals("app:app", copy.chown());
        assertEquals("0644", copy.chmod());
        assertTrue(copy.link());
        assertTrue(copy.parents());
        assertEquals(List.of("*.md", "tmp/"), copy.excludes());
    }

    @Test
    void copyFromIsKeptRaw() {
        assertEquals("${STAGE}", Raw.of("COPY", "a", "b").flags("--from=${STAGE}").parseAs(Copy.class).from());
    }

    @Test
    void linkFalseIsExplicitlyOff() {
        assertFalse(Raw.of("COPY", "a", "b").flags("--link=false").parseAs(Copy.class).link());
        assertTrue(Raw.of("COPY", "a", "b").flags("--link=TRUE").parseAs(Copy.class).link());
    }

    @Test
    void heredocSourcesBecomeInlineFiles() {
        Heredoc script = new Heredoc("run.sh", 0, false, true, "\techo hi\n");
        Copy copy = Raw.of("COPY", "<<-'run.sh'", "readme", "/app/").heredoc(script).parseAs(Copy.class);
        assertEquals(List.of("readme"), copy.sources());
        assertEquals(List.of(script), copy.heredocs());
    }

    @Test
    void heredocsAreMatchedByName() {
        Copy copy = Raw.of("COPY", "<<B", "<<A", "/d/").heredoc("A", "a\n").heredoc("B", "b\n").parseAs(Copy.class);
        assertEquals(List.of("b\n", "a\n"), copy.heredocs().stream().map(Heredoc::content).toList());
    }

    @Test
    void heredocsCountAsSources() {
        Copy copy = Raw.of("COPY", "<<EOF", "/etc/motd").heredoc("EOF", "hello\n").parseAs(Copy.class);
        assertEquals(List.of(), copy.sources());
        assertEquals("/etc/motd", copy.destination());
    }

    @Test
    void copyWithOneArgumentIsRejected() {
        Raw.of("COPY", "only").at(3)
                .fails("COPY requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    @Test
    void heredocAsDestinationIsRejected() {
        Raw.of("COPY", "a", "<<EOF").heredoc("EOF", "x\n").at(4).fails("COPY cannot accept a heredoc as a destination");
    }

    @Test
    void checksumOnCopyIsUnknown() {
        Raw.of("COPY", "a", "b").flags("--checksum=sha256:abc").at(5).fails("unknown flag: --checksum", null);
    }

    @Test
    void keepGitDirOnCopyIsUnknown() {
        Raw.of("COPY", "a", "b").flags("--keep-git-dir").at(6).fails("unknown flag: --keep-git-dir", null);
    }

    @Test
    void misspelledFromSuggestsFrom() {
        Raw.of("COPY", "a", "b").flags("--form=build").at(7).fails("unknown flag: --form", "did you mean from?");
    }

    @Test
    void duplicateChownIsRejected() {
        Raw.of("COPY", "a", "b").flags("--chown=1", "--chown=2").at(8).fails("duplicate flag specified: --chown");
    }

    @Test
    void duplicateLinkIsRejected() {
        Raw.of("COPY", "a", "b").flags("--link", "--link").at(9).fails("duplicate flag specified: --link");
    }

    @Test
    void nonBooleanLinkIsRejected() {
        Raw.of("COPY", "a", "b").flags("--link=yes").at(10).fails("expecting boolean value for flag --link, not: yes");
    }

    @Test
    void emptyBooleanIsMissingAValue() {
        Raw.of("COPY", "a", "b").flags("--parents=").at(11).fails("missing a value on flag: --parents");
    }

    @Test
    void chownWithoutValueIsMissingAValue() {
        Raw.of("COPY", "a", "b").flags("--chown").at(12).fails("missing a value on flag: --chown");
    }

    @Test
    void excludeWithoutValueIsMissingAValue() {
        Raw.of("COPY", "a", "b").flags("--exclude").at(13).fails("missing a value on flag: --exclude");
    }

    @Test
    void flagsAreCaseSensitive() {
        Raw.of("COPY", "a", "b").flags("--Link").at(14).fails("unknown flag: --Link", "did you mean link?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"755", "0644", "7777", "0", "u+x", "go-w", "u=rwx,go=rx", "+X", "a=r,o-t", "$MODE"})
    void validChmodValuesAreAccepted(String mode) {
        assertEquals(mode, Raw.of("COPY", "a", "b").flags("--chmod=" + mode).parseAs(Copy.class).chmod());
    }

    @Test
    void nonOctalChmodIsRejected() {
        Raw.of("COPY", "a", "b").flags("--chmod=64a").at(15)
                .fails("invalid chmod parameter: '64a'. it should be octal string and between 0 and 07777");
    }

    @Test
    void chmodAboveMaximumIsRejected() {
        Raw.of("ADD", "a", "b").flags("--chmod=10000").at(16)
                .fails("invalid chmod parameter: '10000'. it should be octal string and between 0 and 07777");
    }

    @Test
    void badSymbolicChmodIsRejected() {
        Raw.of("COPY", "a", "b").flags("--chmod=u+q").at(17).fails("invalid chmod parameter: 'u+q'. invalid syntax");
    }

    @Test
    void emptyChmodCountsAsAbsent() {
        assertNull(Raw.of("COPY", "a", "b").flags("--chmod=").parseAs(Copy.class).chmod());
    }

    // --- ADD ----------------------------------------------------------------------------------

    @Test
    void addWithoutFlagsHasDefaults() {
        Add add = Raw.of("ADD", "https://example.com/a.tgz", "/opt/").parseAs(Add.class);
        assertEquals(new Add(List.of("https://example.com/a.tgz"), List.of(), "/opt/", null, null, false, List.of(),
                false, null, null, add.range()), add);
        assertEquals("ADD", add.name());
    }

    @Test
    void addTakesEveryFlag() {
        Add add = Raw.of("ADD", "https://github.com/x/y.git", "/src")
                .flags("--chown=1:2", "--chmod=u+rx", "--link=true", "--exclude=docs", "--keep-git-dir",
                        "--checksum=sha256:0123", "--unpack=false")
                .parseAs(Add.class);
        assertEquals("1:2", add.chown());
        assertEquals("u+rx", add.chmod());
        assertTrue(add.link());
        assertEquals(List.of("docs"), add.excludes());
        assertTrue(add.keepGitDir());
        assertEquals("sha256:0123", add.checksum());
        assertEquals(Boolean.FALSE, add.unpack());
    }

    @Test
    void unpackGivenBareIsTrue() {
        assertEquals(Boolean.TRUE, Raw.of("ADD", "a.tar", "/").flags("--unpack").parseAs(Add.class).unpack());
    }

    @Test
    void addWithHeredocOnly() {
        Add add = Raw.of("ADD", "<<EOF", "/x").heredoc("EOF", "x\n").parseAs(Add.class);
        assertEquals(List.of(), add.sources());
        assertEquals(1, add.heredocs().size());
    }

    @Test
    void addWithOneArgumentIsRejected() {
        Raw.of("ADD", "only").at(18)
                .fails("ADD requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    @Test
    void addWithNoArgumentIsRejectedTheSameWay() {
        Raw.of("ADD").at(19)
                .fails("ADD requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    @Test
    void argumentCountIsCheckedBeforeFlags() {
        Raw.of("ADD", "x").flags("--bogus").at(20)
                .fails("ADD requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    @Test
    void parentsOnAddIsUnknown() {
        Raw.of("ADD", "a", "b").flags("--parents").at(21).fails("unknown flag: --parents", null);
    }

    @Test
    void fromOnAddIsUnknown() {
        Raw.of("ADD", "a", "b").flags("--from=build").at(22).fails("unknown flag: --from", null);
    }

    @Test
    void addHeredocAsDestinationIsRejected() {
        Raw.of("ADD", "a", "<<-EOF").at(23).fails("ADD cannot accept a heredoc as a destination");
    }
}
