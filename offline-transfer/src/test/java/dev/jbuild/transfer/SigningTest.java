package dev.jbuild.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;
    ImageStore source;
    ImageStore target;
    KeyPair key;
    ImageRecord image;

    @BeforeEach
    void open() throws IOException {
        source = ImageStore.open(scratch.resolve("source"));
        target = ImageStore.open(scratch.resolve("target"));
        key = SigningKeys.generate();
        image = TestImages.twoLayers(source, scratch, "x", "app:1", "app:2");
    }

    @AfterEach
    void close() throws IOException {
        source.close();
        target.close();
    }

    private Map<String, byte[]> signedFiles(String... names) throws IOException {
        Path file = Files.createTempFile(scratch, "signed", ".tar");
        new ImageSaver(source).saveToFile(List.of(names), SaveOptions.defaults().withSigningKey(key.getPrivate()), file);
        return new LinkedHashMap<>(ArchiveFiles.read(file));
    }

    private List<LoadedImage> loadVerified(byte[] archive, KeyPair by) throws IOException {
        return new ImageLoader(target).load(new ByteArrayInputStream(archive),
                LoadOptions.defaults().withVerifyKey(by.getPublic()));
    }

    private List<SignatureVerdict> verify(byte[] archive) throws IOException {
        return new ImageLoader(target).verify(new ByteArrayInputStream(archive), key.getPublic(), ExpansionLimit.DEFAULT);
    }

    private static Index index(Map<String, byte[]> files) throws IOException {
        return Index.parse(files.get("index.json"));
    }

    /** The digest of the manifest the archive holds for the first image (gzip layers: not the stored one). */
    private static Digest manifestIn(Map<String, byte[]> files) throws IOException {
        return index(files).manifests().get(0).digest();
    }

    private static Descriptor signatureEntry(Map<String, byte[]> files) throws IOException {
        return index(files).manifests().stream()
                .filter(d -> d.annotations().getOrDefault(Index.REF_NAME, "").endsWith(".sig")).findFirst().orElseThrow();
    }

    @Test
    void keyGenerationWritesPkcs8AndPublicKeyPemWithAPrivateKeyOnlyTheOwnerReads() throws Exception {
        Path[] files = SigningKeys.generateFiles(scratch.resolve("appliance"));
        assertEquals(scratch.resolve("appliance.key"), files[0]);
        assertEquals(scratch.resolve("appliance.pub"), files[1]);
        String privatePem = Files.readString(files[0]);
        String publicPem = Files.readString(files[1]);
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files[0])));
        byte[] message = "appliance".getBytes(StandardCharsets.UTF_8);
        assertTrue(Signatures.verify(message, Signatures.sign(message, SigningKeys.readPrivate(files[0])),
                SigningKeys.readPublic(files[1])));
        KeyFileException again = assertThrows(KeyFileException.class,
                () -> SigningKeys.generateFiles(scratch.resolve("appliance")));
        assertEquals(files[0] + " already exists; refusing to overwrite it", again.getMessage());
    }

    @Test
    void opensslReadsTheKeysAsOneP256Pair() throws Exception {
        assumeTrue(Tools.available("openssl"), "openssl is not installed here: test skipped");
        Path[] files = SigningKeys.generateFiles(scratch.resolve("appliance"));
        String publicPem = Files.readString(files[1]);
        String fromPrivate = Tools.run(scratch, "openssl", "pkey", "-in", files[0].toString(), "-pubout");
        assertEquals(publicPem, fromPrivate);
        assertTrue(Tools.run(scratch, "openssl", "pkey", "-pubin", "-in", files[1].toString(), "-text", "-noout")
                .contains("NIST CURVE: P-256"));
        Path opensslP256 = scratch.resolve("p256.key");
        Tools.run(scratch, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                opensslP256.toString());
        byte[] message = "appliance".getBytes(StandardCharsets.UTF_8);
        assertTrue(Signatures.verify(message, Signatures.sign(message, SigningKeys.readPrivate(opensslP256)),
                publicOf(opensslP256)));
    }

    private Path writePem(String name, Object pem) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(text)) {
            writer.writeObject(pem);
        }
        return Files.writeString(scratch.resolve(name), text.toString());
    }

    private java.security.PublicKey publicOf(Path opensslPrivate) throws Exception {
        Path pub = scratch.resolve("from-openssl.pub");
        Tools.run(scratch, "openssl", "pkey", "-in", opensslPrivate.toString(), "-pubout", "-out", pub.toString());
        return SigningKeys.readPublic(pub);
    }

    @Test
    void keysOfAnotherKindAreRefusedByName() throws Exception {
        java.security.KeyPairGenerator rsaGenerator = java.security.KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        Path rsa = writePem("rsa.key", new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                rsaGenerator.generateKeyPair().getPrivate(), null));
        KeyFileException e = assertThrows(KeyFileException.class, () -> SigningKeys.readPrivate(rsa));
        assertEquals(rsa + " holds a RSA key that is not on curve P-256; signing uses ECDSA P-256", e.getMessage());
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        java.security.KeyPair p384 = ec.generateKeyPair();
        Path private384 = writePem("ec384.key", new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                p384.getPrivate(), null));
        assertThrows(KeyFileException.class, () -> SigningKeys.readPrivate(private384));
        Path public384 = writePem("ec384.pub", p384.getPublic());
        assertThrows(KeyFileException.class, () -> SigningKeys.readPublic(public384));
        KeyFileException notPem = assertThrows(KeyFileException.class, () -> SigningKeys.readPublic(
                Files.writeString(scratch.resolve("x.pub"), "not a key\n")));
        assertEquals(scratch.resolve("x.pub") + " is not a PEM file", notPem.getMessage());
    }

    @Test
    void signatureImageFollowsCosignsLayoutAndOpensslVerifiesItsSignature() throws Exception {
        assumeTrue(Tools.available("openssl"), "openssl is not installed here: test skipped");
        Map<String, byte[]> files = signedFiles("app");
        Descriptor entry = signatureEntry(files);
        Digest signed = manifestIn(files);
        assertEquals("sha256-" + signed.hex() + ".sig", entry.annotations().get(Index.REF_NAME));
        assertEquals("docker.io/library/app:sha256-" + signed.hex() + ".sig",
                entry.annotations().get(ArchiveNames.IMAGE_NAME_ANNOTATION));
        Manifest signature = Manifest.parse(files.get(CraftedImages.blob(entry.digest())));
        assertEquals(1, signature.layers().size());
        Descriptor layer = signature.layers().get(0);
        assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", layer.mediaType());
        byte[] payload = files.get(CraftedImages.blob(layer.digest()));
        assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"docker.io/library/app\"},\"image\":"
                + "{\"docker-manifest-digest\":\"" + signed + "\"},\"type\":\"cosign container image signature\"},"
                + "\"optional\":null}", new String(payload, StandardCharsets.UTF_8));
        JsonNode config = JSON.readTree(files.get(CraftedImages.blob(signature.config().digest())));
        assertEquals(layer.digest().value(), config.path("rootfs").path("diff_ids").get(0).asText());
        // an independent ECDSA implementation accepts the signature over the payload bytes
        Path payloadFile = Files.write(scratch.resolve("payload.json"), payload);
        Path signatureFile = Files.write(scratch.resolve("payload.sig"),
                Base64.getDecoder().decode(layer.annotations().get("dev.cosignproject.cosign/signature")));
        Path publicKey = Files.writeString(scratch.resolve("k.pub"), SigningKeys.publicPem(key.getPublic()));
        assertEquals("Verified OK\n", Tools.run(scratch, "openssl", "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signatureFile.toString(), payloadFile.toString()));
    }

    @Test
    void signingIsDeterministic() throws IOException {
        Map<String, byte[]> first = signedFiles("app:1");
        Map<String, byte[]> second = signedFiles("app:1");
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));
    }

    @Test
    void signedArchiveVerifiesAndLoads() throws IOException {
        Map<String, byte[]> files = signedFiles("app");
        byte[] archive = ArchiveFiles.write(files);
        assertEquals(List.of(new SignatureVerdict("app:1", manifestIn(files), null)), verify(archive));
        assertEquals("app:1 (" + manifestIn(files) + "): verified", verify(archive).get(0).line());
        List<LoadedImage> loaded = loadVerified(archive, key);
        assertEquals(image.id(), loaded.get(0).id());
        assertEquals(List.of("app:1", "app:2"), target.image("app:1").repoTags());
        assertTrue(target.list().size() == 1, "the signature image itself is not loaded");
    }

    @Test
    void unsignedArchiveIsRefusedAndNothingIsLoaded() throws IOException {
        Path file = Files.createTempFile(scratch, "plain", ".tar");
        new ImageSaver(source).saveToFile(List.of("app:1"), SaveOptions.defaults(), file);
        byte[] archive = Files.readAllBytes(file);
        VerificationFailedException e = assertThrows(VerificationFailedException.class,
                () -> loadVerified(archive, key));
        assertEquals("refusing to load the archive: app:1 (" + manifestIn(ArchiveFiles.read(file)) + "): not signed",
                e.getMessage());
        assertTrue(target.list().isEmpty());
    }

    @Test
    void archiveSignedByAnotherKeyIsRefused() throws IOException {
        Map<String, byte[]> files = signedFiles("app:1");
        byte[] archive = ArchiveFiles.write(files);
        KeyPair other = SigningKeys.generate();
        VerificationFailedException e = assertThrows(VerificationFailedException.class,
                () -> loadVerified(archive, other));
        assertEquals("refusing to load the archive: app:1 (" + manifestIn(files) + "): signature does not match "
                + "the key (signed by another key, or altered after signing)", e.getMessage());
        assertTrue(target.list().isEmpty());
    }

    @Test
    void imageAlteredAfterSigningIsRefused() throws IOException {
        // A consistent forgery: a new config (the same image with another command), a manifest over it,
        // and every name pointing at the new manifest; only the signature cannot be redone.
        Map<String, byte[]> files = signedFiles("app:1");
        Digest signed = manifestIn(files);
        ImageConfig altered = image.config().withConfig(image.config().config().withCmd(List.of("/bin/evil")));
        byte[] config = altered.toJson();
        Manifest original = Manifest.parse(files.get(CraftedImages.blob(signed)));
        byte[] manifest = Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(config), config.length),
                original.layers()).toJson();
        files.put(CraftedImages.blob(Digest.of(config)), config);
        files.put(CraftedImages.blob(Digest.of(manifest)), manifest);
        List<Descriptor> entries = new ArrayList<>();
        for (Descriptor entry : index(files).manifests()) {
            entries.add(entry.digest().equals(signed)
                    ? new Descriptor(entry.mediaType(), Digest.of(manifest), manifest.length, entry.annotations(),
                            entry.platform())
                    : entry);
        }
        files.put("index.json", Index.oci(entries).toJson());
        files.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace(image.id().hex(), Digest.of(config).hex()).getBytes(StandardCharsets.UTF_8));
        byte[] archive = ArchiveFiles.write(files);
        VerificationFailedException e = assertThrows(VerificationFailedException.class,
                () -> loadVerified(archive, key));
        assertEquals("refusing to load the archive: app:1 (" + Digest.of(manifest) + "): not signed", e.getMessage());
        assertTrue(target.list().isEmpty());
        // without --verify the same archive is a valid one
        new ImageLoader(target).load(new ByteArrayInputStream(archive), LoadOptions.defaults());
        assertEquals(List.of("/bin/evil"), target.image("app:1").config().config().cmd());
    }

    @Test
    void payloadAlteredAfterSigningIsRefused() throws IOException {
        Map<String, byte[]> files = signedFiles("app:1");
        Descriptor entry = signatureEntry(files);
        Manifest signature = Manifest.parse(files.get(CraftedImages.blob(entry.digest())));
        Descriptor layer = signature.layers().get(0);
        byte[] payload = new String(files.get(CraftedImages.blob(layer.digest())), StandardCharsets.UTF_8)
                .replace("docker.io/library/app", "docker.io/library/bpp").getBytes(StandardCharsets.UTF_8);
        byte[] forged = Manifest.oci(signature.config(), List.of(new Descriptor(layer.mediaType(), Digest.of(payload),
                payload.length, layer.annotations(), null))).toJson();
        files.put(CraftedImages.blob(Digest.of(payload)), payload);
        files.put(CraftedImages.blob(Digest.of(forged)), forged);
        List<Descriptor> entries = new ArrayList<>();
        for (Descriptor d : index(files).manifests()) {
            entries.add(d.equals(entry) ? new Descriptor(d.mediaType(), Digest.of(forged), forged.length,
                    d.annotations(), null) : d);
        }
        files.put("index.json", Index.oci(entries).toJson());
        List<SignatureVerdict> verdicts = verify(ArchiveFiles.write(files));
        assertEquals("signature does not match the key (signed by another key, or altered after signing)",
                verdicts.get(0).problem());
    }

    @Test
    void tagMovedToAnotherRepositoryIsRefused() throws IOException {
        Map<String, byte[]> files = signedFiles("app:1");
        files.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace("\"app:1\"", "\"trusted/app:1\"").getBytes(StandardCharsets.UTF_8));
        VerificationFailedException e = assertThrows(VerificationFailedException.class,
                () -> loadVerified(ArchiveFiles.write(files), key));
        assertEquals("refusing to load the archive: trusted/app:1 (" + manifestIn(files) + "): the tag "
                + "trusted/app:1 is not covered by its signature (signed for docker.io/library/app)", e.getMessage());
    }

    @Test
    void verifyNamesEachImageAndOnlyTheUnsignedOneFails() throws IOException {
        TestImages.twoLayers(source, scratch, "other", "other:1");
        Map<String, byte[]> files = signedFiles("app:1", "other:1");
        Digest appManifest = index(files).manifests().get(0).digest();
        Digest otherManifest = index(files).manifests().get(1).digest();
        List<Descriptor> entries = new ArrayList<>();
        for (Descriptor d : index(files).manifests()) {
            if (!d.annotations().getOrDefault(Index.REF_NAME, "").equals("sha256-" + otherManifest.hex() + ".sig")) {
                entries.add(d);
            }
        }
        files.put("index.json", Index.oci(entries).toJson());
        List<String> lines = verify(ArchiveFiles.write(files)).stream().map(SignatureVerdict::line).toList();
        assertEquals(List.of("app:1 (" + appManifest + "): verified", "other:1 (" + otherManifest + "): not signed"),
                lines);
    }

    @Test
    void untaggedImageIsSignedWithAnEmptyReference() throws IOException {
        Map<String, byte[]> files = signedFiles(image.id().value());
        Descriptor entry = signatureEntry(files);
        Manifest signature = Manifest.parse(files.get(CraftedImages.blob(entry.digest())));
        assertTrue(new String(files.get(CraftedImages.blob(signature.layers().get(0).digest())), StandardCharsets.UTF_8)
                .contains("\"docker-reference\":\"\""));
        assertTrue(verify(ArchiveFiles.write(files)).get(0).verified());
    }

    @Test
    void gzipAndUncompressedSavesAreSignedForTheManifestTheyContain() throws IOException {
        Path file = Files.createTempFile(scratch, "none", ".tar");
        new ImageSaver(source).saveToFile(List.of("app:1"), SaveOptions.defaults().withCompression(Compression.NONE)
                .withSigningKey(key.getPrivate()), file);
        byte[] archive = Files.readAllBytes(file);
        assertEquals(image.manifestDigest(), verify(archive).get(0).manifestDigest());
        assertTrue(verify(archive).get(0).verified());
    }
}
