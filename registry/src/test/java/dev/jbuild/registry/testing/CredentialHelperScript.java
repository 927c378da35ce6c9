package dev.jbuild.registry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A real {@code docker-credential-<name>} program (a shell script) speaking Docker's credential-helper
 * protocol: the verb as the only argument, the server URL ({@code get}, {@code erase}) or a JSON document
 * ({@code store}) on stdin, JSON on stdout, "credentials not found in native keychain" and exit 1 for a
 * server it does not know. It keeps one JSON document per server URL in {@code <dir>/<name>.d/} and
 * appends every verb it runs to {@code <dir>/<name>.log}.
 */
public final class CredentialHelperScript {
    private final Path dir;
    private final String name;

    private CredentialHelperScript(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** Writes {@code docker-credential-<name>} into {@code dir} (a directory put on PATH). */
    public static CredentialHelperScript install(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("docker-credential-" + name);
        Files.writeString(script, """
                #!/bin/sh
                self="$(dirname "$0")/%1$s"
                mkdir -p "$self.d"
                echo "$1" >> "$self.log"
                case "$1" in
                  store) doc="$(cat)"
                         server="$(printf '%%s' "$doc" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p')"
                         printf '%%s' "$doc" > "$self.d/$(printf '%%s' "$server" | tr '/:' '__')" ;;
                  get) read -r server
                       file="$self.d/$(printf '%%s' "$server" | tr '/:' '__')"
                       if [ -f "$file" ]; then cat "$file"
                       else echo "credentials not found in native keychain"; exit 1; fi ;;
                  erase) read -r server
                         file="$self.d/$(printf '%%s' "$server" | tr '/:' '__')"
                         if [ -f "$file" ]; then rm -f "$file"
                         else echo "credentials not found in native keychain"; exit 1; fi ;;
                  *) echo "unknown verb $1"; exit 2 ;;
                esac
                """.formatted(name));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CredentialHelperScript(dir, name);
    }

    /** What the helper holds for {@code serverUrl} (the JSON it was given), or null. */
    public String stored(String serverUrl) throws IOException {
        Path file = entry(serverUrl);
        return Files.exists(file) ? Files.readString(file) : null;
    }

    /** Puts an entry in place as {@code docker login} through this helper would have. */
    public void preload(String serverUrl, String username, String secret) throws IOException {
        Files.createDirectories(dir.resolve(name + ".d"));
        Files.writeString(entry(serverUrl), "{\"ServerURL\":\"" + serverUrl + "\",\"Username\":\"" + username
                + "\",\"Secret\":\"" + secret + "\"}");
    }

    /** Every verb the helper was run with, one a line, "" when it never ran. */
    public String log() throws IOException {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Path entry(String serverUrl) {
        return dir.resolve(name + ".d").resolve(serverUrl.replace('/', '_').replace(':', '_'));
    }
}
