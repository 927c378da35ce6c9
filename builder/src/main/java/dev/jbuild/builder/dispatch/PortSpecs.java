package dev.jbuild.builder.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPOSE port specs as Docker's {@code nat.ParsePortSpecs} reads them: {@code 80}, {@code 80/udp},
 * {@code 8000-8010/tcp}, and the {@code [ip:][hostPort:]containerPort} forms, of which only the
 * container port counts. The result is {@code port/proto} keys.
 */
final class PortSpecs {
    private PortSpecs() {
    }

    static List<String> parse(String spec, Expander expander) {
        String proto = "tcp";
        String rest = spec;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, slash);
        }
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw expander.error("invalid proto: " + proto);
        }
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            rest = rest.substring(colon + 1);
        }
        int low;
        int high;
        try {
            int dash = rest.indexOf('-');
            low = Integer.parseInt(dash < 0 ? rest : rest.substring(0, dash));
            high = dash < 0 ? low : Integer.parseInt(rest.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw expander.error("invalid containerPort: " + rest);
        }
        if (low < 0 || high > 65535 || high < low) {
            throw expander.error("invalid containerPort: " + rest);
        }
        List<String> ports = new ArrayList<>();
        for (int port = low; port <= high; port++) {
            ports.add(port + "/" + proto);
        }
        return ports;
    }
}
