package dev.jbuild.cli.args;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The converters most options need, with jbuild's long-standing wording for bad values. Written as classes rather
 * than lambdas: every command's options are built on every start, and the first lambda a JVM meets
 * costs it several milliseconds of bootstrapping.
 */
public final class Converters {
    private Converters() {}

    public static final ValueConverter<String> STRING = new ValueConverter<>() {
        @Override
        public String convert(String value) {
            return value;
        }
    };

    public static final ValueConverter<Long> LONG = new ValueConverter<>() {
        @Override
        public Long convert(String value) throws InvalidValueException {
            try {
                return Long.valueOf(value);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("'" + value + "' is not a long");
            }
        }
    };

    /** {@code true} or {@code false} in any case, nothing else (not yes/no, not 1/0). */
    public static final ValueConverter<Boolean> BOOLEAN = new ValueConverter<>() {
        @Override
        public Boolean convert(String value) throws InvalidValueException {
            if ("true".equalsIgnoreCase(value)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(value)) {
                return Boolean.FALSE;
            }
            throw new InvalidValueException("'" + value + "' is not a boolean");
        }
    };

    public static final ValueConverter<Path> PATH = new ValueConverter<>() {
        @Override
        public Path convert(String value) throws InvalidValueException {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new InvalidValueException("'" + value + "' is not a path: " + e.getReason());
            }
        }
    };

    /**
     * One of the given enum constants, named in any case. Takes the constants themselves (from
     * {@code values()}) so that no reflection is needed to find them.
     */
    public static <E extends Enum<E>> ValueConverter<E> oneOf(E[] constants) {
        return new OneOf<>(constants.clone());
    }

    private static final class OneOf<E extends Enum<E>> implements ValueConverter<E> {
        private final E[] constants;

        OneOf(E[] constants) {
            this.constants = constants;
        }

        @Override
        public E convert(String value) throws InvalidValueException {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            StringBuilder names = new StringBuilder();
            for (E constant : constants) {
                names.append(names.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw new InvalidValueException("expected one of [" + names + "] (case-insensitive) but was '"
                    + value + "'");
        }
    }
}
