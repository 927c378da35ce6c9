package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigInstructionsTest {

    // --- ENV ----------------------------------------------------------------------------------

    @Test
    void envModernFormKeepsQuotesAndEscapesRaw() {
        Env env = Raw.of("ENV", "A", "1", "=", "B", "\"two words\"", "=", "C", "three\\ four", "=").parseAs(Env.class);
        assertEquals(List.of(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""),
                new KeyValue("C", "three\\ four")), env.variables());
        assertFalse(env.legacy());
        assertEquals("ENV", env.name());
    }

    @Test
    void envLegacyFormIsFlagged() {
        Env env = Raw.of("ENV", "LEGACY", "value with  spaces", "").parseAs(Env.class);
        assertEquals(List.of(new KeyValue("LEGACY", "value with  spaces")), env.variables());
        assertTrue(env.legacy());
    }

    @Test
    void envValueMayBeEmptyAndHoldVariables() {
        Env env = Raw.of("ENV", "EMPTY", "", "=", "P", "$PATH:/x", "=").parseAs(Env.class);
        assertEquals(List.of(new KeyValue("EMPTY", ""), new KeyValue("P", "$PATH:/x")), env.variables());
    }

    @Test
    void envBlankNameIsRejected() {
        Raw.of("ENV", "", "x", "=").at(3).fails("ENV names can not be blank");
    }

    @Test
    void envWithoutArgumentsIsRejected() {
        Raw.of("ENV").at(4).fails("ENV requires at least one argument");
    }

    @Test
    void envWithBrokenTriplesIsRejected() {
        Raw.of("ENV", "A", "1").at(5).fails("Bad input to ENV, too many arguments");
    }

    @Test
    void envRejectsFlags() {
        Raw.of("ENV", "A", "1", "=").flags("--x").at(6).fails("unknown flag: --x", null);
    }

    // --- LABEL --------------------------------------------------------------------------------

    @Test
    void labelKeepsQuotedKeyRaw() {
        Label label = Raw.of("LABEL", "\"com.example.x\"", "\"y\"", "=").parseAs(Label.class);
        assertEquals(List.of(new KeyValue("\"com.example.x\"", "\"y\"")), label.labels());
        assertFalse(label.legacy());
        assertEquals("LABEL", label.name());
    }

    @Test
    void labelLegacyForm() {
        assertTrue(Raw.of("LABEL", "version", "1.0", "").parseAs(Label.class).legacy());
    }

    @Test
    void labelBlankNameIsRejected() {
        Raw.of("LABEL", "", "v", "=").at(7).fails("LABEL names can not be blank");
    }

    @Test
    void labelWithBrokenTriplesIsRejected() {
        Raw.of("LABEL", "a", "b", "=", "c").at(21).fails("Bad input to LABEL, too many arguments");
    }

    @Test
    void labelWithoutArgumentsIsRejected() {
        Raw.of("LABEL").at(8).fails("LABEL requires at least one argument");
    }

    // --- ARG ----------------------------------------------------------------------------------

    @Test
    void argDeclaresSeveralNamesWithAndWithoutDefaults() {
        Arg arg = Raw.of("ARG", "V=1.0", "FLAG", "EMPTY=", "Q=\"a b\"").parseAs(Arg.class);
        assertEquals(List.of(new ArgDeclaration("V", "1.0"), new ArgDeclaration("FLAG", null),
                new ArgDeclaration("EMPTY", ""), new ArgDeclaration("Q", "\"a b\"")), arg.declarations());
        assertEquals("ARG", arg.name());
    }

    @Test
    void argDefaultSplitsAtFirstEquals() {
        assertEquals(new ArgDeclaration("URL", "a=b=c"), Raw.of("ARG", "URL=a=b=c").parseAs(Arg.class).declarations().get(0));
    }

    @Test
    void argWithoutNameIsRejected() {
        Raw.of("ARG").at(9).fails("ARG requires at least one argument");
    }

    @Test
    void argBlankNameIsRejected() {
        Raw.of("ARG", "=x").at(10).fails("ARG names can not be blank");
    }

    @Test
    void argIgnoresFlagsLikeBuildKit() {
        assertEquals(1, Raw.of("ARG", "A").flags("--required").parseAs(Arg.class).declarations().size());
    }

    // --- USER, MAINTAINER, STOPSIGNAL, EXPOSE -------------------------------------------------

    @Test
    void userKeepsUserAndGroupRaw() {
        User user = Raw.of("USER", "${UID}:app").parseAs(User.class);
        assertEquals("${UID}:app", user.user());
        assertEquals("USER", user.name());
    }

    @Test
    void userWithoutArgumentIsRejected() {
        Raw.of("USER").at(11).fails("USER requires exactly one argument");
    }

    @Test
    void userRejectsFlags() {
        Raw.of("USER", "app").flags("--uid=1").at(12).fails("unknown flag: --uid", null);
    }

    @Test
    void maintainerKeepsTheWholeText() {
        Maintainer maintainer = Raw.of("MAINTAINER", "Jane Doe <jane@example.com>").parseAs(Maintainer.class);
        assertEquals("Jane Doe <jane@example.com>", maintainer.maintainer());
        assertEquals("MAINTAINER", maintainer.name());
    }

    @Test
    void maintainerWithoutArgumentIsRejected() {
        Raw.of("MAINTAINER").at(13).fails("MAINTAINER requires exactly one argument");
    }

    @Test
    void stopsignalKeepsTheSignal() {
        Stopsignal signal = Raw.of("STOPSIGNAL", "SIGQUIT").parseAs(Stopsignal.class);
        assertEquals("SIGQUIT", signal.signal());
        assertEquals("STOPSIGNAL", signal.name());
    }

    @Test
    void stopsignalWithoutArgumentIsRejected() {
        Raw.of("STOPSIGNAL").at(14).fails("STOPSIGNAL requires exactly one argument");
    }

    @Test
    void stopsignalIgnoresFlagsLikeBuildKit() {
        assertEquals("9", Raw.of("STOPSIGNAL", "9").flags("--bogus").parseAs(Stopsignal.class).signal());
    }

    @Test
    void exposeKeepsPortSpecsInFileOrder() {
        Expose expose = Raw.of("EXPOSE", "8080/udp", "80/tcp", "$PORT", "9000-9010").parseAs(Expose.class);
        assertEquals(List.of("8080/udp", "80/tcp", "$PORT", "9000-9010"), expose.ports());
        assertEquals("EXPOSE", expose.name());
    }

    @Test
    void exposeWithoutPortIsRejected() {
        Raw.of("EXPOSE").at(15).fails("EXPOSE requires at least one argument");
    }

    @Test
    void exposeRejectsFlags() {
        Raw.of("EXPOSE", "80").flags("--protocol=tcp").at(16).fails("unknown flag: --protocol", null);
    }

    // --- VOLUME, WORKDIR ----------------------------------------------------------------------

    @Test
    void volumeListFormTrimsPaths() {
        Volume volume = Raw.of("VOLUME", "/data", "/var/log").parseAs(Volume.class);
        assertEquals(List.of("/data", "/var/log"), volume.paths());
        assertFalse(volume.jsonForm());
        assertEquals("VOLUME", volume.name());
    }

    @Test
    void volumeJsonFormTrimsEachElement() {
        Volume volume = Raw.json("VOLUME", " /data ", "/cache").parseAs(Volume.class);
        assertEquals(List.of("/data", "/cache"), volume.paths());
        assertTrue(volume.jsonForm());
    }

    @Test
    void volumeWithBlankElementIsRejected() {
        Raw.json("VOLUME", "/a", "  ").at(17).fails("VOLUME specified can not be an empty string");
    }

    @Test
    void volumeWithoutPathIsRejected() {
        Raw.json("VOLUME").at(18).fails("VOLUME requires at least one argument");
    }

    @Test
    void workdirKeepsPathRaw() {
        Workdir workdir = Raw.of("WORKDIR", "$HOME/app").parseAs(Workdir.class);
        assertEquals("$HOME/app", workdir.path());
        assertEquals("WORKDIR", workdir.name());
    }

    @Test
    void workdirWithoutPathIsRejected() {
        Raw.of("WORKDIR").at(19).fails("WORKDIR requires exactly one argument");
    }

    @Test
    void workdirRejectsFlags() {
        Raw.of("WORKDIR", "/app").flags("--mkdir").at(20).fails("unknown flag: --mkdir", null);
    }
}
