package dev.jbuild.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The mount points of this process's mount namespace, from {@code /proc/self/mountinfo}. */
public final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    /** Every mount point, in mount order (a point mounted over appears more than once). */
    public static List<Path> mountPoints() throws IOException {
        List<Path> points = new ArrayList<>();
        for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                points.add(Path.of(unescape(fields[4])));
            }
        }
        return points;
    }

    /**
     * The mount points at or below {@code dir}, deepest first (the order to unmount them in), each
     * once per time it is mounted.
     */
    public static List<Path> under(Path dir) throws IOException {
        Path canonical = canonical(dir);
        List<Path> found = new ArrayList<>();
        for (Path point : mountPoints()) {
            if (point.startsWith(canonical)) {
                found.add(point);
            }
        }
        // Later mounts may sit on top of earlier ones at the same point: reverse mount order, then by depth.
        List<Path> reversed = new ArrayList<>(found.size());
        for (int i = found.size() - 1; i >= 0; i--) {
            reversed.add(found.get(i));
        }
        reversed.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return reversed;
    }

    public static boolean isMountPoint(Path dir) throws IOException {
        Path canonical = canonical(dir);
        return mountPoints().contains(canonical);
    }

    /** The path as the kernel reports it: absolute, with symlinks resolved where it exists. */
    static Path canonical(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as three octal digits. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && isOctal(raw, i + 1)) {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] raw, int from) {
        if (from + 3 > raw.length) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (raw[i] < '0' || raw[i] > '7') {
                return false;
            }
        }
        return true;
    }
}
