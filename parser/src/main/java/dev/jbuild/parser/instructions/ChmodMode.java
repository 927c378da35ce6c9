package dev.jbuild.parser.instructions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code --chmod} value: octal ({@code 0755}, {@code 4755}) or symbolic ({@code u+x}, {@code a=rX,g-w}),
 * applied the way BuildKit does to every copied file and directory (never to symlinks) and to the directories
 * a copy creates. The builder applies it; the linter works out what it makes of a directory.
 *
 * <p>Octal replaces the permission and special bits. Symbolic clauses follow chmod(1) with a zero umask: no
 * {@code who} means {@code a}; {@code X} means execute for directories and for files whose mode before
 * the --chmod has an execute bit (BSD setmode, which BuildKit's mode library ports; honoured with every
 * operator, as POSIX-2024 and Linux do); {@code s} and {@code t} set setuid/setgid and
 * sticky; a permission copied from a class ({@code g=u}) reads that class's current bits.
 */
public final class ChmodMode {
    private static final int WHO_USER = 04700;
    private static final int WHO_GROUP = 02070;
    private static final int WHO_OTHER = 01007;
    private static final int WHO_ALL = 07777;

    private final String text;
    private final Integer octal;
    private final List<Clause> clauses;

    private ChmodMode(String text, Integer octal, List<Clause> clauses) {
        this.text = text;
        this.octal = octal;
        this.clauses = clauses;
    }

    /**
     * Parses a {@code --chmod} value.
     *
     * @throws InstructionException with BuildKit's message for a bad value
     */
    public static ChmodMode parse(String text) {
        Objects.requireNonNull(text, "text");
        Chmod.validate(text);
        Integer octal = Chmod.octalValue(text);
        if (octal != null) {
            return new ChmodMode(text, octal, List.of());
        }
        return new ChmodMode(text, null, parseSymbolic(text));
    }

    /**
     * Whether a directory of mode {@code mode} is readable but not searchable by its owner, its group or
     * others: they can list the names in it, and reach nothing in it.
     */
    public static boolean unsearchable(int mode) {
        int readable = (mode & 0444) >> 2;
        return (readable & ~mode & 0111) != 0;
    }

    /** What this makes of a directory a copy creates (BuildKit creates them 0755, then applies --chmod). */
    public int createdDirectoryMode() {
        return applyTo(0755, true);
    }

    /** The value as written. */
    public String text() {
        return text;
    }

    /**
     * The mode bits (permissions and setuid/setgid/sticky, {@code 07777}) an entry gets.
     *
     * @param mode the entry's current mode bits (only the low 12 bits are read)
     * @param directory whether the entry is a directory (matters for {@code X})
     */
    public int applyTo(int mode, boolean directory) {
        if (octal != null) {
            return octal;
        }
        int original = mode & 07777;
        int current = original;
        for (Clause clause : clauses) {
            for (Action action : clause.actions) {
                int bits = action.bits(original, current, directory) & clause.who;
                current = switch (action.op) {
                    case '+' -> current | bits;
                    case '-' -> current & ~bits;
                    default -> (current & ~clause.who) | bits;
                };
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<Clause> parseSymbolic(String text) {
        if (text.isEmpty()) {
            throw invalid(text);
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int i = 0;
            int who = 0;
            while (i < part.length() && "ugoa".indexOf(part.charAt(i)) >= 0) {
                who |= switch (part.charAt(i)) {
                    case 'u' -> WHO_USER;
                    case 'g' -> WHO_GROUP;
                    case 'o' -> WHO_OTHER;
                    default -> WHO_ALL;
                };
                i++;
            }
            if (who == 0) {
                who = WHO_ALL; // zero umask: no "who" means everyone
            }
            List<Action> actions = new ArrayList<>();
            while (i < part.length()) {
                char op = part.charAt(i++);
                if (op != '+' && op != '-' && op != '=') {
                    throw invalid(text);
                }
                int start = i;
                while (i < part.length() && "+-=".indexOf(part.charAt(i)) < 0) {
                    i++;
                }
                String perms = part.substring(start, i);
                if (!perms.matches("[rwxXst]*|[ugo]")) {
                    throw invalid(text);
                }
                actions.add(new Action(op, perms));
            }
            if (actions.isEmpty()) {
                throw invalid(text);
            }
            clauses.add(new Clause(who, actions));
        }
        return List.copyOf(clauses);
    }

    private static InstructionException invalid(String text) {
        return new InstructionException("invalid chmod parameter: '" + text + "'. invalid syntax");
    }

    private record Clause(int who, List<Action> actions) {}

    private record Action(char op, String perms) {
        int bits(int original, int current, boolean directory) {
            if (perms.length() == 1 && "ugo".contains(perms)) {
                int shift = switch (perms.charAt(0)) {
                    case 'u' -> 6;
                    case 'g' -> 3;
                    default -> 0;
                };
                int rwx = (current >> shift) & 7;
                return rwx | rwx << 3 | rwx << 6;
            }
            int bits = 0;
            for (char c : perms.toCharArray()) {
                bits |= switch (c) {
                    case 'r' -> 0444;
                    case 'w' -> 0222;
                    case 'x' -> 0111;
                    case 'X' -> directory || (original & 0111) != 0 ? 0111 : 0;
                    case 's' -> 06000;
                    default -> 01000; // 't'
                };
            }
            return bits;
        }
    }
}
