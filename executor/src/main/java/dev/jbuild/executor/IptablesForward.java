package dev.jbuild.executor;

import java.io.IOException;
import java.util.List;

/**
 * Whether the host's FORWARD chain drops what it does not explicitly accept (Docker sets its policy to
 * DROP): then the CNI firewall plugin must add ACCEPT rules for each step's address, or routed traffic
 * from the bridge never leaves the host.
 */
final class IptablesForward {
    private IptablesForward() {
    }

    static boolean dropsByDefault() {
        try {
            Commands.Result result = Commands.run(List.of("iptables", "-S", "FORWARD"));
            return result.succeeded() && !result.output().contains("-P FORWARD ACCEPT");
        } catch (IOException e) {
            return false;
        }
    }
}
