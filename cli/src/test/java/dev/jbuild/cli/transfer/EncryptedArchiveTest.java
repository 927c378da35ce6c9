package dev.jbuild.cli.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbuild.cli.testing.InProcessCli.Result;
import dev.jbuild.cli.testing.InProcessCli;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code save --encrypt} and {@code load --decrypt} (OCI image encryption, ocicrypt's format), with the
 * keys openssl and gpg make, and interop with Debian's skopeo both ways.
 */
class EncryptedArchiveTest {
    @TempDir
    static Path dir;
    static String imageId;

    static Result run(String store, String... args) {
        return InProcessCli.run(dir.resolve(store), args);
    }

    static Result ok(String store, String... args) {
        Result result = run(store, args);
        assertEquals(0, result.exit(), result.err());
        return result;
    }

    static void sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), command);
        assertEquals(0, process.exitValue(), command + "\n" + out);
    }

    @BeforeAll
    static void keysAndAnImage() throws Exception {
        sh("openssl genrsa -out rsa.pem 2048 && openssl rsa -in rsa.pem -pubout -out rsa.pub"
                + " && openssl genrsa -out other.pem 2048"
                + " && openssl ecparam -name prime256v1 -genkey -noout -out ec.sec1"
                + " && openssl pkcs8 -topk8 -nocrypt -in ec.sec1 -out ec.pem && openssl ec -in ec.pem -pubout -out ec.pub"
                + " && openssl req -x509 -newkey rsa:2048 -nodes -keyout cert.key -out cert.pem -days 2 -subj /CN=jbuild");
        Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(dir.resolve("rootfs/etc/secret"), "the appliance's secret\n");
        imageId = ok("source", "import", dir.resolve("rootfs").toString(), "app:1").out().trim();
    }

    private static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    out.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return out;
    }

    private static String loadedId(String store) throws IOException {
        try (ImageStore opened = ImageStore.open(dir.resolve(store))) {
            return opened.image("app:1").id().value();
        }
    }

    private static Path encrypted(String name, String... recipients) {
        Path archive = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("save", "-o", archive.toString()));
        for (String recipient : recipients) {
            args.add("--encrypt");
            args.add(recipient);
        }
        args.add("app:1");
        ok("source", args.toArray(String[]::new));
        return archive;
    }

    @Test
    void layersAreEncryptedAsOcicryptDoesAndTheConfigStaysReadable() throws IOException {
        Map<String, byte[]> entries = entries(encrypted("jwe.tar", "jwe:" + dir.resolve("rsa.pub")));
        Index index = Index.parse(entries.get("index.json"));
        Manifest manifest = Manifest.parse(entries.get("blobs/sha256/" + index.manifests().get(0).digest().hex()));
        assertEquals("application/vnd.oci.image.layer.v1.tar+gzip+encrypted", manifest.layers().get(0).mediaType());
        var annotations = manifest.layers().get(0).annotations();
        assertTrue(annotations.containsKey("org.opencontainers.image.enc.keys.jwe"), annotations.toString());
        assertTrue(annotations.containsKey("org.opencontainers.image.enc.pubopts"), annotations.toString());
        assertEquals(imageId, manifest.config().digest().value(), "the config is not encrypted");
        byte[] layer = entries.get("blobs/sha256/" + manifest.layers().get(0).digest().hex());
        assertFalse(layer[0] == 0x1f && layer[1] == (byte) 0x8b, "the layer is not readable gzip");
    }

    @Test
    void eachSchemeLoadsBackWithItsPrivateKeyToTheSameImageId() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gpg")), "gpg is needed to make an OpenPGP key");
        sh("export GNUPGHOME=$PWD/gnupg && mkdir -m 700 -p gnupg && gpg --batch --passphrase '' --quick-gen-key "
                + "'jbuild test <test@jbuild.dev>' rsa2048 default never >/dev/null 2>&1 && "
                + "gpg --armor --export test@jbuild.dev > pgp.pub && "
                + "gpg --batch --pinentry-mode loopback --passphrase '' --armor --export-secret-keys test@jbuild.dev "
                + "> pgp.key");
        String[][] schemes = {{"jwe:rsa.pub", "rsa.pem"}, {"jwe:ec.pub", "ec.pem"}, {"pkcs7:cert.pem", "cert.key"},
                {"pgp:pgp.pub", "pgp.key"}};
        for (String[] scheme : schemes) {
            String name = scheme[0].replace(':', '-').replace('.', '-');
            Path archive = encrypted(name + ".tar", scheme[0].replaceFirst(":", ":" + dir + "/"));
            ok("load-" + name, "load", "--decrypt", dir.resolve(scheme[1]).toString(), "-i", archive.toString());
            assertEquals(imageId, loadedId("load-" + name), scheme[0]);
            try (ImageStore store = ImageStore.open(dir.resolve("load-" + name))) {
                assertTrue(store.image("app:1").manifest().layers().stream()
                        .noneMatch(layer -> layer.mediaType().endsWith("+encrypted")), "stored decrypted");
            }
        }
    }

    @Test
    void severalRecipientsCanEachDecrypt() throws IOException {
        Path archive = encrypted("two.tar", "jwe:" + dir.resolve("rsa.pub"), "pkcs7:" + dir.resolve("cert.pem"));
        ok("two-a", "load", "--decrypt", dir.resolve("rsa.pem").toString(), "-i", archive.toString());
        ok("two-b", "load", "--decrypt", dir.resolve("cert.key").toString(), "-i", archive.toString());
        assertEquals(imageId, loadedId("two-a"));
        assertEquals(imageId, loadedId("two-b"));
    }

    @Test
    void aWrongKeyOrNoKeyIsOneLineAndNothingIsStored() throws IOException {
        Path archive = encrypted("wrong.tar", "jwe:" + dir.resolve("rsa.pub"));
        Result wrong = run("wrong", "load", "--decrypt", dir.resolve("other.pem").toString(), "-i", archive.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().matches("jbuild: layer sha256:[0-9a-f]{64} cannot be decrypted with .*other\\.pem: it "
                + "was not encrypted for this key\n"), wrong.err());
        Result none = run("wrong", "load", "-i", archive.toString());
        assertEquals("jbuild: image app:1 has encrypted layers: load it with --decrypt PRIVATE_KEY\n", none.err());
        try (ImageStore store = ImageStore.open(dir.resolve("wrong"))) {
            assertTrue(store.list().isEmpty());
        }
    }

    @Test
    void aTamperedEncryptedLayerIsOneLineAndNothingIsStored() throws IOException {
        Path archive = encrypted("tamper.tar", "jwe:" + dir.resolve("rsa.pub"));
        Map<String, byte[]> entries = entries(archive);
        Index index = Index.parse(entries.get("index.json"));
        Manifest manifest = Manifest.parse(entries.get("blobs/sha256/" + index.manifests().get(0).digest().hex()));
        byte[] layer = entries.get("blobs/sha256/" + manifest.layers().get(0).digest().hex());
        byte[] bytes = Files.readAllBytes(archive);
        int at = indexOf(bytes, layer);
        bytes[at + layer.length / 2] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered.tar"), bytes);
        Result result = run("tampered", "load", "--decrypt", dir.resolve("rsa.pem").toString(), "-i",
                tampered.toString());
        assertEquals(1, result.exit());
        assertEquals(1, result.err().lines().count(), result.err());
        try (ImageStore store = ImageStore.open(dir.resolve("tampered"))) {
            assertTrue(store.list().isEmpty());
        }
    }

    @Test
    void aSignedEncryptedArchiveVerifiesAndLoadsWithBoth() throws IOException {
        ok("source", "key", "generate", "--out", dir.resolve("signer").toString());
        Path archive = dir.resolve("signed-encrypted.tar");
        ok("source", "save", "--sign", dir.resolve("signer.key").toString(), "--encrypt", "jwe:" + dir.resolve("rsa.pub"),
                "-o", archive.toString(), "app:1");
        Result verified = ok("verify", "verify", "-i", archive.toString(), "--key", dir.resolve("signer.pub").toString());
        assertTrue(verified.out().endsWith(": verified\n"), verified.out());
        ok("signed", "load", "--verify", dir.resolve("signer.pub").toString(), "--decrypt",
                dir.resolve("rsa.pem").toString(), "-i", archive.toString());
        assertEquals(imageId, loadedId("signed"));
    }

    @Test
    void skopeoDecryptsWhatJbuildEncrypted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")) || System.getenv("CI") != null, "skopeo is not installed");
        Path archive = encrypted("for-skopeo.tar", "jwe:" + dir.resolve("rsa.pub"));
        sh("skopeo copy --decryption-key rsa.pem oci-archive:" + archive + ":1 oci-archive:skopeo-plain.tar:app:1");
        Map<String, byte[]> entries = entries(dir.resolve("skopeo-plain.tar"));
        Index index = Index.parse(entries.get("index.json"));
        Manifest manifest = Manifest.parse(entries.get("blobs/sha256/" + index.manifests().get(0).digest().hex()));
        assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", manifest.layers().get(0).mediaType());
        assertEquals(imageId, manifest.config().digest().value());
        ok("from-skopeo", "load", "-i", dir.resolve("skopeo-plain.tar").toString());
        assertEquals(imageId, loadedId("from-skopeo"));
    }

    @Test
    void jbuildDecryptsWhatSkopeoEncryptedToThePlaintextImageId() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")) || System.getenv("CI") != null, "skopeo is not installed");
        Path plain = dir.resolve("plain.tar");
        ok("source", "save", "-o", plain.toString(), "app:1");
        sh("skopeo copy --encryption-key jwe:rsa.pub oci-archive:" + plain + ":1 oci-archive:skopeo-enc.tar:app:1");
        Map<String, byte[]> entries = entries(dir.resolve("skopeo-enc.tar"));
        Index index = Index.parse(entries.get("index.json"));
        Manifest manifest = Manifest.parse(entries.get("blobs/sha256/" + index.manifests().get(0).digest().hex()));
        assertTrue(manifest.layers().get(0).mediaType().endsWith("+encrypted"), manifest.layers().toString());
        ok("skopeo-enc", "load", "--decrypt", dir.resolve("rsa.pem").toString(), "-i",
                dir.resolve("skopeo-enc.tar").toString());
        assertEquals(imageId, loadedId("skopeo-enc"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
