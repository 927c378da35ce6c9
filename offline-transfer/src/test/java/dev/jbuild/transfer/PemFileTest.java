package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFileTest {
    @TempDir
    Path scratch;

    @Test
    void theFirstPemObjectIsRead() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        PublicKey key = generator.generateKeyPair().getPublic();
        Path file = scratch.resolve("key.pub");
        SigningKeys.writePublic(key, file);
        Object pem = PemFile.readFirst(file, EncryptionException::new);
        assertEquals(SubjectPublicKeyInfo.getInstance(key.getEncoded()), pem);
    }

    @Test
    void aMissingFileIsTheCallersKindOfErrorNamingTheFile() {
        Path missing = scratch.resolve("missing.key");
        EncryptionException encryption = assertThrows(EncryptionException.class,
                () -> PemFile.readFirst(missing, EncryptionException::new));
        assertEquals("key file " + missing + " does not exist", encryption.getMessage());
        assertInstanceOf(NoSuchFileException.class, encryption.getCause());
        KeyFileException signing = assertThrows(KeyFileException.class,
                () -> PemFile.readFirst(missing, KeyFileException::new));
        assertEquals("key file " + missing + " does not exist", signing.getMessage());
    }

    @Test
    void aFileWithoutPemIsRefusedAsSuch() throws Exception {
        Path text = Files.writeString(scratch.resolve("notes.txt"), "not a key\n");
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> PemFile.readFirst(text, EncryptionException::new));
        assertEquals(text + " is not a PEM file", e.getMessage());
        assertNull(e.getCause());
    }
}
