package dev.jbuild.cli.spec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters jbuild registers itself: picocli's reflective ones (java.nio.file.Path, java.time,
 * java.sql) are switched off at start-up ({@link Commands#configure}), and enums are matched
 * without reflection. Written as classes, not lambdas, so that declaring them bootstraps nothing.
 */
public final class Converters {
    private Converters() {}

    /** The text as given: for values typed as files only so that completion treats them as files. */
    public static final ITypeConverter<Object> TEXT = new ITypeConverter<>() {
        @Override
        public Object convert(String value) {
            return value;
        }
    };

    public static final ITypeConverter<Path> PATH = new ITypeConverter<>() {
        @Override
        public Path convert(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
            }
        }
    };

    /** {@code true} or {@code false} in any case, nothing else (not yes/no, not 1/0). */
    public static final ITypeConverter<Boolean> BOOLEAN = new ITypeConverter<>() {
        @Override
        public Boolean convert(String value) {
            if ("true".equalsIgnoreCase(value)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(value)) {
                return Boolean.FALSE;
            }
            throw new TypeConversionException("'" + value + "' is not a boolean");
        }
    };

    /** One of the given enum constants, named in any case. */
    public static <E extends Enum<E>> ITypeConverter<E> oneOf(E[] constants) {
        return new OneOf<>(constants.clone());
    }

    private static final class OneOf<E extends Enum<E>> implements ITypeConverter<E> {
        private final E[] constants;

        OneOf(E[] constants) {
            this.constants = constants;
        }

        @Override
        public E convert(String value) {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            StringBuilder names = new StringBuilder();
            for (E constant : constants) {
                names.append(names.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw new TypeConversionException("expected one of [" + names + "] (case-insensitive) but was '"
                    + value + "'");
        }
    }
}
