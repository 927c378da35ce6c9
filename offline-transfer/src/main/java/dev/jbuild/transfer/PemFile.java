package dev.jbuild.transfer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bouncycastle.openssl.PEMParser;

/**
 * The first object of a PEM file, by Bouncy Castle's parser, for the signing keys and the encryption
 * keys alike: a missing file, or one that is not PEM, fails with the line a user reads, as the caller's
 * kind of error.
 */
public final class PemFile {

    /** Makes the caller's error (a {@link KeyFileException}, an {@link EncryptionException}); the cause may be null. */
    @FunctionalInterface
    public interface Failure {
        TransferException of(String message, Throwable cause);
    }

    private PemFile() {
    }

    public static Object readFirst(Path file, Failure failure) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            if (pem == null) {
                throw failure.of(file + " is not a PEM file", null);
            }
            return pem;
        } catch (NoSuchFileException e) {
            throw failure.of("key file " + file + " does not exist", e);
        } catch (java.nio.charset.MalformedInputException | IllegalArgumentException e) {
            throw failure.of(file + " is not a PEM file", e);
        }
    }
}
