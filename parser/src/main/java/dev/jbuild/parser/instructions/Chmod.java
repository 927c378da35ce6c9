package dev.jbuild.parser.instructions;

/**
 * Checks a COPY/ADD {@code --chmod} value the way BuildKit does: an octal number up to 07777
 * ({@code 755}, {@code 0644}), or since Dockerfile 1.14 a symbolic mode as chmod(1) writes it
 * ({@code u+x}, {@code go-w}, {@code u=rwx,go=rx}, {@code +X}).
 */
public final class Chmod {
    private static final long MAX_MODE = 07777;

    private Chmod() {}

    /**
     * Throws unless {@code value} is a valid mode. A value holding a variable is accepted as is:
     * BuildKit expands {@code --chmod} first, so the builder checks it again after expansion.
     */
    public static void check(String value) {
        if (value.contains("$")) {
            return;
        }
        ChmodMode.parse(value);
    }

    /** Throws unless {@code value}, with nothing left to expand, is a valid mode. */
    static void validate(String value) {
        Long octal = GoIntegers.parseUint32(value, 8);
        if (octal != null && octal <= MAX_MODE) {
            return;
        }
        // Anything starting with a digit is read as a number, so its only error is the octal one.
        if (octal != null || value.isEmpty() || Character.isDigit(value.charAt(0))) {
            throw new InstructionException("invalid chmod parameter: '" + value
                    + "'. it should be octal string and between 0 and 07777");
        }
        if (!isSymbolic(value)) {
            throw new InstructionException("invalid chmod parameter: '" + value + "'. invalid syntax");
        }
    }

    /** The octal value, or null for a symbolic mode (which needs the file's current mode). */
    public static Integer octalValue(String value) {
        Long octal = GoIntegers.parseUint32(value, 8);
        return octal != null && octal <= MAX_MODE ? octal.intValue() : null;
    }

    /**
     * BSD setmode grammar: clauses separated by commas; each clause is who-letters ({@code ugoa})
     * then one or more operations, each an operator ({@code +-=}) followed by permission letters
     * ({@code rwxXst}) or one copy source ({@code ugo}).
     */
    static boolean isSymbolic(String mode) {
        int i = 0;
        int n = mode.length();
        while (true) {
            while (i < n && "augo".indexOf(mode.charAt(i)) >= 0) {
                i++;
            }
            do {
                if (i >= n || "+-=".indexOf(mode.charAt(i)) < 0) {
                    return false;
                }
                i++;
                while (i < n && "rstwXxugo".indexOf(mode.charAt(i)) >= 0) {
                    i++;
                }
            } while (i < n && mode.charAt(i) != ',');
            if (i >= n) {
                return true;
            }
            i++; // the comma; a clause must follow it
            if (i >= n) {
                return false;
            }
        }
    }
}
