package dev.jbuild.executor;

/**
 * One {@code --add-host} of a build, a line of every RUN step's {@code /etc/hosts}: {@code HOST:IP} as
 * {@code docker build} spells it (the address after the first colon, so an IPv6 one keeps its colons), or
 * {@code HOST=IP} as buildx also accepts. The address must be an IP literal: nothing is resolved.
 */
public record HostEntry(String host, String address) {

    public HostEntry {
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("invalid host name in --add-host: \"" + host + "\"");
        }
        if (!isIpLiteral(address)) {
            throw new IllegalArgumentException("invalid IP address in --add-host: \"" + address + "\"");
        }
    }

    public static HostEntry parse(String text) {
        int eq = text.indexOf('=');
        int colon = text.indexOf(':');
        int split = eq > 0 ? eq : colon;
        if (split <= 0 || split == text.length() - 1) {
            throw new IllegalArgumentException("bad format for add-host: \"" + text + "\" (expected HOST:IP)");
        }
        String address = text.substring(split + 1);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        return new HostEntry(text.substring(0, split), address);
    }

    /** The {@code /etc/hosts} line Docker writes for it. */
    public String hostsLine() {
        return address + "\t" + host;
    }

    private static boolean isIpLiteral(String address) {
        if (address.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!address.contains(":") || !address.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            // Only hex digits, colons and dots: an IPv6 literal, which getByName parses without any lookup.
            return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
