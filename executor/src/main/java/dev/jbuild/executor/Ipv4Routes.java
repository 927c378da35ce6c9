package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The host's IPv4 routes ({@code /proc/net/route}), to pick a subnet for the bridge that nothing else uses. */
final class Ipv4Routes {
    private static final Path ROUTES = Path.of("/proc/net/route");

    /** A destination network: address and mask as big-endian ints. */
    record Route(String device, int destination, int mask) {
        boolean overlaps(int network, int networkMask) {
            int common = mask & networkMask;
            return (destination & common) == (network & common);
        }
    }

    private Ipv4Routes() {
    }

    /**
     * The first {@code 10.89.N.0/24} (N from 0 to 255) that no route overlaps, except the default route
     * and the routes of {@code ownDevice} (the bridge being set up again).
     */
    static String firstFreeSubnet(String ownDevice) throws IOException {
        List<Route> routes = read(ROUTES);
        for (int n = 0; n < 256; n++) {
            int network = (10 << 24) | (89 << 16) | (n << 8);
            if (isFree(network, 0xffffff00, routes, ownDevice)) {
                return String.format(Locale.ROOT, "10.89.%d.0/24", n);
            }
        }
        throw new ExecutorException("no free 10.89.N.0/24 subnet for the build network: every one overlaps a route");
    }

    static boolean isFree(int network, int mask, List<Route> routes, String ownDevice) {
        for (Route route : routes) {
            if (route.mask() == 0 || route.device().equals(ownDevice)) {
                continue;
            }
            if (route.overlaps(network, mask)) {
                return false;
            }
        }
        return true;
    }

    static List<Route> read(Path file) throws IOException {
        List<Route> routes = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 8) {
                // The kernel prints addresses in host (little-endian) byte order.
                routes.add(new Route(fields[0], Integer.reverseBytes((int) Long.parseLong(fields[1], 16)),
                        Integer.reverseBytes((int) Long.parseLong(fields[7], 16))));
            }
        }
        return routes;
    }
}
