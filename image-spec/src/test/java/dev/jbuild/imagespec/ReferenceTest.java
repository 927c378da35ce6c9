package dev.jbuild.imagespec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceTest {
    private static final String HEX = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    static Stream<Arguments> validReferences() {
        return Stream.of(
                Arguments.of("busybox", "docker.io/library/busybox:latest", "busybox:latest"),
                Arguments.of("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36"),
                Arguments.of("library/busybox", "docker.io/library/busybox:latest", "busybox:latest"),
                Arguments.of("docker.io/busybox", "docker.io/library/busybox:latest", "busybox:latest"),
                Arguments.of("index.docker.io/library/busybox:musl", "docker.io/library/busybox:musl", "busybox:musl"),
                Arguments.of("index.docker.io/busybox", "docker.io/library/busybox:latest", "busybox:latest"),
                Arguments.of("user/app", "docker.io/user/app:latest", "user/app:latest"),
                Arguments.of("docker.io/user/app:v1", "docker.io/user/app:v1", "user/app:v1"),
                Arguments.of("docker.io/library/foo/bar", "docker.io/library/foo/bar:latest", "library/foo/bar:latest"),
                Arguments.of("localhost/app", "localhost/app:latest", "localhost/app:latest"),
                Arguments.of("localhost:5000/x/y:tag", "localhost:5000/x/y:tag", "localhost:5000/x/y:tag"),
                Arguments.of("registry.example.com/team/app:1.0", "registry.example.com/team/app:1.0",
                        "registry.example.com/team/app:1.0"),
                Arguments.of("127.0.0.1:5000/app", "127.0.0.1:5000/app:latest", "127.0.0.1:5000/app:latest"),
                Arguments.of("[::1]:5000/app:v", "[::1]:5000/app:v", "[::1]:5000/app:v"),
                Arguments.of("Foo/bar", "Foo/bar:latest", "Foo/bar:latest"),
                Arguments.of("app@sha256:" + HEX, "docker.io/library/app@sha256:" + HEX, "app@sha256:" + HEX),
                Arguments.of("app:1@sha256:" + HEX, "docker.io/library/app:1@sha256:" + HEX, "app:1@sha256:" + HEX),
                Arguments.of("a/b/c/d:tag", "docker.io/a/b/c/d:tag", "a/b/c/d:tag"),
                Arguments.of("my_app.v2-x:Tag_1.0-rc", "docker.io/library/my_app.v2-x:Tag_1.0-rc", "my_app.v2-x:Tag_1.0-rc"),
                Arguments.of("a__b---c", "docker.io/library/a__b---c:latest", "a__b---c:latest"),
                Arguments.of("app:" + "t".repeat(128), "docker.io/library/app:" + "t".repeat(128), "app:" + "t".repeat(128)),
                Arguments.of("abc123", "docker.io/library/abc123:latest", "abc123:latest"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validReferences")
    void validReferencesNormaliseLikeDocker(String input, String full, String familiar) {
        Reference ref = Reference.parse(input);
        assertEquals(full, ref.toString());
        assertEquals(familiar, ref.familiarString());
    }

    static Stream<Arguments> invalidReferences() {
        return Stream.of(
                Arguments.of("", "invalid reference format"),
                Arguments.of("Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase"),
                Arguments.of("user/App:1", "invalid reference format: repository name (user/App) must be lowercase"),
                Arguments.of("localhost:5000/UPPER", "invalid reference format: repository name (UPPER) must be lowercase"),
                Arguments.of("busybox:", "invalid reference format"),
                Arguments.of("busybox:.tag", "invalid reference format"),
                Arguments.of("busybox:-tag", "invalid reference format"),
                Arguments.of("busybox:latest:extra", "invalid reference format"),
                Arguments.of("a b", "invalid reference format"),
                Arguments.of("-app", "invalid reference format"),
                Arguments.of("app-", "invalid reference format"),
                Arguments.of("a___b", "invalid reference format"),
                Arguments.of("a//b", "invalid reference format"),
                Arguments.of("app:" + "t".repeat(129), "invalid reference format"),
                Arguments.of("app@sha256:abc", "invalid reference format"),
                Arguments.of("app@sha256:" + HEX.toUpperCase(), "invalid checksum digest format"),
                Arguments.of("app@sha512:" + HEX + HEX, "invalid checksum digest format"),
                Arguments.of(HEX, "invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings"),
                Arguments.of("a/" + "b".repeat(250), "repository name must not be more than 255 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidReferences")
    void invalidReferencesAreRefusedWithDockersMessage(String input, String message) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> Reference.parse(input));
        assertEquals(message, e.getMessage());
        assertEquals(input, e.input());
    }

    @Test
    void parseNormalizedKeepsABareRepository() {
        Reference bare = Reference.parseNormalized("busybox");
        assertNull(bare.tag());
        assertEquals("docker.io/library/busybox", bare.toString());
        assertEquals("busybox", bare.familiarName());
    }

    @Test
    void digestReferenceKeepsItsDigestAndGetsNoDefaultTag() {
        Reference ref = Reference.parse("app@sha256:" + HEX);
        assertTrue(ref.isDigested());
        assertFalse(ref.isTagged());
        assertEquals(Digest.ofHex(HEX), ref.digest());
    }
}
