package dev.jbuild.executor;

import dev.jbuild.platform.NetworkMode;
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
    record Paths(Path hosts, Path resolvConf, Path hostname) {
    }

    private HostFiles() {
    }

    static Paths write(Path runDir, String hostname, List<String> extraHosts, NetworkMode network) throws IOException {
        StringBuilder hosts = new StringBuilder()
                .append("127.0.0.1\tlocalhost ").append(hostname).append('\n')
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (String line : extraHosts) {
            hosts.append(line).append('\n');
        }
        Path hostsFile = writeReadable(runDir.resolve("hosts"), hosts.toString());
        Path hostnameFile = writeReadable(runDir.resolve("hostname"), hostname + "\n");
        Path resolvFile = writeReadable(runDir.resolve("resolv.conf"), ResolvConf.forStep(network == NetworkMode.HOST));
        return new Paths(hostsFile, resolvFile, hostnameFile);
    }

    private static Path writeReadable(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
