package dev.jbuild.imagespec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    // printf 'hello' | sha256sum
    private static final String HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void digestOfBytesIsSha256InOciNotation() {
        Digest digest = Digest.of("hello");
        assertEquals("sha256:" + HELLO, digest.value());
        assertEquals("sha256:" + HELLO, digest.toString());
        assertEquals(HELLO, digest.hex());
        assertEquals("sha256", digest.algorithm());
    }

    @Test
    void shortIdIsTheFirstTwelveHexCharacters() {
        assertEquals("2cf24dba5fb0", Digest.of("hello").shortId());
    }

    @Test
    void parseAndOfHexAgree() {
        assertEquals(Digest.parse("sha256:" + HELLO), Digest.ofHex(HELLO));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "sha256:", "sha256:abc", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            "sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824",
            "sha512:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b98244",
            " sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"})
    void malformedDigestsAreRefusedAtConstruction(String text) {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.parse(text));
        assertEquals("invalid checksum digest format: " + text, e.getMessage());
    }

    @Test
    void isHexAcceptsOnlySixtyFourLowercaseHexCharacters() {
        assertTrue(Digest.isHex(HELLO));
        assertFalse(Digest.isHex(HELLO.toUpperCase()));
        assertFalse(Digest.isHex(HELLO.substring(1)));
    }
}
