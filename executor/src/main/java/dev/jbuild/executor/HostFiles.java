package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The step's {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname}, written in the
 * run directory and bind-mounted read-only, so that they never land in the root file system or
 * its diff (BuildKit mounts them the same way).
 */
final class HostFiles {
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

    record Paths(Path hosts, Path resolvConf, Path hostname) {
    }

    private HostFiles() {
    }

    static Paths write(Path runDir, String hostname, List<String> extraHosts) throws IOException {
        StringBuilder hosts = new StringBuilder()
                .append("127.0.0.1\tlocalhost ").append(hostname).append('\n')
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (String line : extraHosts) {
            hosts.append(line).append('\n');
        }
        Path hostsFile = writeReadable(runDir.resolve("hosts"), hosts.toString());
        Path hostnameFile = writeReadable(runDir.resolve("hostname"), hostname + "\n");
        // The step shares the host's network namespace (or has none), so the host's resolvers are
        // the ones that work; unlike Docker's bridge, no 127.0.0.x entry needs replacing.
        String resolvConf = Files.isReadable(HOST_RESOLV_CONF)
                ? Files.readString(HOST_RESOLV_CONF, StandardCharsets.UTF_8) : "";
        Path resolvFile = writeReadable(runDir.resolve("resolv.conf"), resolvConf);
        return new Paths(hostsFile, resolvFile, hostnameFile);
    }

    private static Path writeReadable(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
