package dev.jbuild.executor;

import java.util.List;

/**
 * Who a step's process runs as, resolved against the root file system.
 *
 * @param additionalGids supplementary groups (from {@code /etc/group} memberships when only a user was given)
 * @param home the home directory from {@code /etc/passwd}, "/" when the user has no entry
 */
public record ProcessUser(int uid, int gid, List<Integer> additionalGids, String home) {

    public ProcessUser {
        additionalGids = List.copyOf(additionalGids);
    }

    public static final ProcessUser ROOT = new ProcessUser(0, 0, List.of(), "/root");
}
