package dev.jbuild.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User and group names of numeric ids as this machine names them, read from its {@code /etc/passwd} and
 * {@code /etc/group} the way Go's os/user reads them (the first line with the id wins): what
 * {@code docker export} writes into its headers, since the daemon looks the ids up on its own host. An
 * id the files do not name has no name ("").
 */
public final class HostAccounts {
    private final Map<Long, String> users;
    private final Map<Long, String> groups;

    private HostAccounts(Map<Long, String> users, Map<Long, String> groups) {
        this.users = users;
        this.groups = groups;
    }

    /** The accounts of this machine. */
    public static HostAccounts system() throws IOException {
        return read(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** The accounts the given files name; a missing file names none. */
    public static HostAccounts read(Path passwd, Path group) throws IOException {
        return new HostAccounts(names(passwd), names(group));
    }

    public String user(long uid) {
        return users.getOrDefault(uid, "");
    }

    public String group(long gid) {
        return groups.getOrDefault(gid, "");
    }

    /** name → id of {@code name:password:id:...} lines; comments and malformed lines are skipped. */
    private static Map<Long, String> names(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<Long, String> names = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.trim().split(":", -1);
            if (line.startsWith("#") || fields.length < 3 || fields[0].isEmpty()) {
                continue;
            }
            try {
                names.putIfAbsent(Long.parseLong(fields[2]), fields[0]);
            } catch (NumberFormatException e) {
                // not an id: skipped, as Go skips it
            }
        }
        return names;
    }
}
