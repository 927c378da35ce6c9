package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's {@code /etc/resolv.conf}, made from the host's as Docker and BuildKit make it (moby's
 * {@code libnetwork/resolvconf}, BuildKit's {@code executor/oci/resolvconf.go}): a step in a network
 * namespace of its own cannot reach a resolver on the host's loopback, so when systemd-resolved's stub
 * ({@code 127.0.0.53}) is the only name server, its list of upstream servers is used instead, name servers
 * on a loopback address are dropped, and IPv6 ones too when the step's network has no IPv6; with none left,
 * Docker's defaults (Google's public resolvers) stand in. A step on the host's network keeps the host's file
 * as it is. Search domains and options are kept.
 */
final class ResolvConf {
    static final Path HOST_FILE = Path.of("/etc/resolv.conf");
    /** What systemd-resolved writes with the real upstream servers, beside its stub in /etc/resolv.conf. */
    static final Path SYSTEMD_RESOLVED_UPSTREAM = Path.of("/run/systemd/resolve/resolv.conf");
    static final String SYSTEMD_RESOLVED_STUB = "127.0.0.53";
    static final List<String> DEFAULT_IPV4_SERVERS = List.of("8.8.8.8", "8.8.4.4");

    private static final Pattern NAMESERVER = Pattern.compile("^\\s*nameserver\\s+(\\S+)\\s*(#.*)?$");

    private ResolvConf() {
    }

    /** The file for a step: the host's as it is for {@code hostNetwork}, else filtered (IPv4 only). */
    static String forStep(boolean hostNetwork) throws IOException {
        return forStep(hostNetwork, HOST_FILE, SYSTEMD_RESOLVED_UPSTREAM);
    }

    static String forStep(boolean hostNetwork, Path hostFile, Path resolvedUpstream) throws IOException {
        String host = Files.isReadable(hostFile) ? Files.readString(hostFile, StandardCharsets.UTF_8) : "";
        if (hostNetwork) {
            return host;
        }
        List<String> servers = nameservers(host);
        if (servers.size() == 1 && servers.get(0).equals(SYSTEMD_RESOLVED_STUB) && Files.isReadable(resolvedUpstream)) {
            host = Files.readString(resolvedUpstream, StandardCharsets.UTF_8);
        }
        return filter(host);
    }

    /** Drops loopback and IPv6 name servers, and adds Docker's defaults when none is left. */
    static String filter(String content) {
        List<String> kept = new ArrayList<>();
        boolean anyServer = false;
        for (String line : content.split("\n", -1)) {
            Matcher matcher = NAMESERVER.matcher(line);
            if (matcher.matches()) {
                String address = matcher.group(1);
                if (isLoopback(address) || address.contains(":")) {
                    continue;
                }
                anyServer = true;
            }
            kept.add(line);
        }
        StringBuilder out = new StringBuilder();
        for (String line : kept) {
            // Squeeze the blank lines that removed entries leave behind, as Docker does.
            if (line.isBlank() && (out.length() == 0 || out.toString().endsWith("\n\n"))) {
                continue;
            }
            out.append(line).append('\n');
        }
        String result = out.toString().replaceAll("\n+$", "\n");
        if (result.equals("\n")) {
            result = "";
        }
        if (!anyServer) {
            StringBuilder withDefaults = new StringBuilder(result);
            for (String server : DEFAULT_IPV4_SERVERS) {
                withDefaults.append("nameserver ").append(server).append('\n');
            }
            return withDefaults.toString();
        }
        return result;
    }

    static List<String> nameservers(String content) {
        List<String> servers = new ArrayList<>();
        for (String line : content.split("\n")) {
            Matcher matcher = NAMESERVER.matcher(line);
            if (matcher.matches()) {
                servers.add(matcher.group(1));
            }
        }
        return servers;
    }

    /** 127.0.0.0/8 and ::1, the addresses Docker's filter matches. */
    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
