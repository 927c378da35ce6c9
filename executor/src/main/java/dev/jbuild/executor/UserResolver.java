package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a Dockerfile USER value ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid}, or
 * empty for root) into ids, reading the root file system's own {@code /etc/passwd} and
 * {@code /etc/group} the way runc and BuildKit do:
 * <ul>
 *   <li>a name must be in passwd; a numeric uid need not be (then gid 0, home "/");</li>
 *   <li>without an explicit group, the primary group comes from passwd and the supplementary
 *       groups are those listing the user's name as a member;</li>
 *   <li>with an explicit group (name or number), that is the only group.</li>
 * </ul>
 */
public final class UserResolver {
    private final Path rootfs;

    public UserResolver(Path rootfs) {
        this.rootfs = rootfs;
    }

    public ProcessUser resolve(String user) throws IOException {
        String spec = user == null ? "" : user.trim();
        String userPart = spec;
        String groupPart = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            userPart = spec.substring(0, colon);
            groupPart = spec.substring(colon + 1);
        }
        if (userPart.isEmpty()) {
            userPart = "0";
        }
        List<String[]> passwd = readEntries("/etc/passwd", 7);
        String[] account = findAccount(passwd, userPart);
        int uid;
        int gid;
        String home;
        String name;
        if (account != null) {
            name = account[0];
            uid = Integer.parseInt(account[2]);
            gid = Integer.parseInt(account[3]);
            home = account[5].isEmpty() ? "/" : account[5];
        } else if (isNumber(userPart)) {
            name = null;
            uid = Integer.parseInt(userPart);
            gid = 0;
            home = "/";
        } else {
            throw new UnknownUserException("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        List<String[]> groups = readEntries("/etc/group", 4);
        if (groupPart != null && !groupPart.isEmpty()) {
            return new ProcessUser(uid, groupId(groups, groupPart), List.of(), home);
        }
        Set<Integer> supplementary = new LinkedHashSet<>();
        if (name != null) {
            for (String[] group : groups) {
                for (String member : group[3].split(",")) {
                    if (member.trim().equals(name) && isNumber(group[2])) {
                        supplementary.add(Integer.parseInt(group[2]));
                    }
                }
            }
        }
        return new ProcessUser(uid, gid, new ArrayList<>(supplementary), home);
    }

    private static String[] findAccount(List<String[]> passwd, String user) {
        for (String[] entry : passwd) {
            if (entry[0].equals(user)) {
                return entry;
            }
        }
        if (isNumber(user)) {
            for (String[] entry : passwd) {
                if (entry[2].equals(Integer.toString(Integer.parseInt(user)))) {
                    return entry;
                }
            }
        }
        return null;
    }

    private static int groupId(List<String[]> groups, String group) throws UnknownUserException {
        for (String[] entry : groups) {
            if (entry[0].equals(group) && isNumber(entry[2])) {
                return Integer.parseInt(entry[2]);
            }
        }
        if (isNumber(group)) {
            return Integer.parseInt(group);
        }
        throw new UnknownUserException("unable to find group " + group + ": no matching entries in group file");
    }

    /** Entries with at least {@code fields} colon-separated fields (missing trailing ones empty); a missing file has none. */
    private List<String[]> readEntries(String file, int fields) throws IOException {
        Path path = ScopedPath.resolve(rootfs, file);
        List<String[]> entries = new ArrayList<>();
        if (!Files.isRegularFile(path)) {
            return entries;
        }
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", -1);
            String[] entry = new String[Math.max(fields, parts.length)];
            for (int i = 0; i < entry.length; i++) {
                entry[i] = i < parts.length ? parts[i] : "";
            }
            if (!isNumber(entry[2]) || (fields == 7 && !isNumber(entry[3]))) {
                continue; // malformed line: runc skips it too
            }
            entries.add(entry);
        }
        return entries;
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return Long.parseLong(text) <= Integer.MAX_VALUE;
    }
}
