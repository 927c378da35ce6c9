package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoText;
import dev.jbuild.platform.CacheSharing;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Reads one {@code RUN --mount} value: comma-separated {@code key=value} options in BuildKit's
 * CSV syntax, checked with BuildKit's rules and messages, then BuildKit's defaults applied.
 *
 * <p>BuildKit reads mounts twice: while parsing, when only {@code from} is checked for variables,
 * and at dispatch, with every value expanded against the stage's environment. {@link #parse(String)}
 * is the first reading, stricter than BuildKit's because it already checks every literal value;
 * {@link #parse(String, UnaryOperator)} is the second, for the builder.
 */
public final class MountSpecParser {
    static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final List<String> SHARING_MODES = List.of("shared", "private", "locked");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
            "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw",
            "readwrite", "env");

    private MountSpecParser() {}

    /** Parse time: values stay raw; a typed option holding a variable is left at its default. */
    public static Mount parse(String spec) {
        return new Reading(spec, null).read();
    }

    /** Dispatch time: every option value is first passed through {@code expand}. */
    public static Mount parse(String spec, UnaryOperator<String> expand) {
        return new Reading(spec, expand).read();
    }

    /** The state of one reading; options are applied in order, as BuildKit does. */
    private static final class Reading {
        private final String spec;
        private final UnaryOperator<String> expand;
        private final MountOptions options = new MountOptions();

        Reading(String spec, UnaryOperator<String> expand) {
            this.spec = spec;
            this.expand = expand;
        }

        Mount read() {
            for (String field : MountCsv.fields(spec)) {
                int eq = field.indexOf('=');
                if (eq < 0) {
                    applyBareKey(field);
                } else {
                    applyOption(field, field.substring(0, eq).toLowerCase(Locale.ROOT), field.substring(eq + 1));
                }
            }
            MountValidation.check(options);
            return MountDefaults.build(options, spec);
        }

        private void applyBareKey(String field) {
            String key = field.toLowerCase(Locale.ROOT);
            switch (key) {
                case "readonly", "ro" -> options.readOnly(true);
                case "readwrite", "rw" -> options.readOnly(false);
                case "required" -> {
                    requireType(key, "secret", "ssh");
                    options.required = true;
                }
                default -> throw new InstructionException("invalid field '" + field + "' must be a key=value pair");
            }
        }

        private void applyOption(String field, String key, String rawValue) {
            if (expand == null && key.equals("from")) {
                int dollar = rawValue.indexOf('$');
                if (dollar >= 0 && dollar != rawValue.length() - 1) {
                    throw new InstructionException(
                            "'from' doesn't support variable expansion, define alias stage instead");
                }
            }
            String value = expand == null ? rawValue : expand.apply(rawValue);
            // Without an expander a variable in a typed option cannot be judged yet.
            boolean deferred = expand == null && value.contains("$");
            switch (key) {
                case "type" -> options.type = mountType(value);
                case "from" -> options.from = value;
                case "source", "src" -> options.source = value;
                case "target", "dst", "destination" -> options.target = value;
                case "id" -> options.id = value;
                case "env" -> options.env = value;
                case "readonly", "ro" -> {
                    if (!deferred) {
                        options.readOnly(bool(key, value));
                    }
                }
                case "readwrite", "rw" -> {
                    if (!deferred) {
                        options.readOnly(!bool(key, value));
                    }
                }
                case "required" -> {
                    requireType(key, "secret", "ssh");
                    if (!deferred) {
                        options.required = bool(key, value);
                    }
                }
                case "size" -> {
                    requireType(key, "tmpfs");
                    options.sizeGiven = true;
                    if (!deferred) {
                        options.sizeBytes = size(value);
                    }
                }
                case "sharing" -> {
                    options.sharingGiven = true;
                    if (!deferred) {
                        options.sharing = sharing(value);
                    }
                }
                case "mode" -> {
                    options.modeGiven = true;
                    if (!deferred) {
                        options.mode = number(value, 8, "mode");
                    }
                }
                case "uid" -> {
                    options.uidGiven = true;
                    if (!deferred) {
                        options.uid = number(value, 10, "uid");
                    }
                }
                case "gid" -> {
                    options.gidGiven = true;
                    if (!deferred) {
                        options.gid = number(value, 10, "gid");
                    }
                }
                default -> throw new InstructionException("unexpected key '" + key + "' in '" + field + "'",
                        Suggestions.hint(key, KEYS, true));
            }
        }

        /** Some keys belong to some types only; the type must be given before them. */
        private void requireType(String key, String... types) {
            if (!List.of(types).contains(options.type)) {
                throw new InstructionException(
                        "unexpected key '" + key + "' for mount type '" + options.type + "'");
            }
        }
    }

    private static String mountType(String value) {
        String type = value.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new InstructionException("unsupported mount type " + GoText.quote(value),
                    Suggestions.hint(value, TYPES, true));
        }
        return type;
    }

    private static CacheSharing sharing(String value) {
        String mode = value.toLowerCase(Locale.ROOT);
        if (!SHARING_MODES.contains(mode)) {
            throw new InstructionException("unsupported sharing value " + GoText.quote(value),
                    Suggestions.hint(value, SHARING_MODES, true));
        }
        return CacheSharing.ofKeyword(mode);
    }

    /** Go's strconv.ParseBool. */
    private static boolean bool(String key, String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new InstructionException("invalid value for " + key + ": " + value);
        };
    }

    private static Long size(String value) {
        Long bytes = ByteSize.parse(value);
        if (bytes == null) {
            throw new InstructionException("invalid value for size: " + value);
        }
        return bytes;
    }

    private static Long number(String value, int radix, String key) {
        Long number = GoIntegers.parseUint32(value, radix);
        if (number == null) {
            throw new InstructionException("invalid value " + value + " for " + key);
        }
        return number;
    }
}
