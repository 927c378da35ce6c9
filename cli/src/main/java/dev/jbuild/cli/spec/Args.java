package dev.jbuild.cli.spec;

import java.io.File;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The shapes of option and parameter jbuild declares, as picocli builders: finish each with
 * {@code .description(...)} (and anything else picocli's builder offers) and {@code .build()}.
 */
public final class Args {
    /**
     * Completion candidates of a parameter that names an image in the store: a marker the completion
     * scripts replace with the names jbuild lists when TAB is pressed.
     */
    public static final List<String> IMAGE_NAMES = List.of("@jbuild-images@");

    private Args() {}

    /** An option without a value: true when given. */
    public static OptionSpec.Builder flag(String... names) {
        return OptionSpec.builder(names).type(boolean.class).arity("0");
    }

    /** An option with one text value, called {@code label} in help. */
    public static OptionSpec.Builder value(String label, String... names) {
        return OptionSpec.builder(names).type(String.class).arity("1").paramLabel(label);
    }

    /**
     * An option whose text value names a file or directory: completion scripts complete file names
     * for it (picocli does so for options typed as files); the value stays text ('-' means stdin).
     */
    public static OptionSpec.Builder file(String label, String... names) {
        return OptionSpec.builder(names).type(File.class).converters(Converters.TEXT).arity("1").paramLabel(label);
    }

    /** As {@link #file}, repeatable. */
    public static OptionSpec.Builder files(String label, String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(File.class).converters(Converters.TEXT)
                .arity("1").paramLabel(label);
    }

    /** A parameter that names files (completed as such), kept as text. */
    public static PositionalParamSpec.Builder files(PositionalParamSpec.Builder parameter) {
        return parameter.type(parameter.type() == List.class ? List.class : File.class)
                .auxiliaryTypes(File.class).converters(Converters.TEXT);
    }

    /** An option with one value of a type picocli converts itself (Long, Integer, Boolean). */
    public static OptionSpec.Builder value(Class<?> type, String label, String... names) {
        return OptionSpec.builder(names).type(type).arity("1").paramLabel(label);
    }

    /** An option with one value, converted when the line is read (a bad value is a usage error). */
    public static <T> OptionSpec.Builder value(Class<T> type, ITypeConverter<T> converter, String label, String... names) {
        return OptionSpec.builder(names).type(type).converters(converter).arity("1").paramLabel(label);
    }

    /** A repeatable option with text values, in the order given. */
    public static OptionSpec.Builder list(String label, String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).arity("1").paramLabel(label);
    }

    /** A repeatable option, each value converted. */
    public static <T> OptionSpec.Builder list(Class<T> type, ITypeConverter<T> converter, String label, String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(type).converters(converter).arity("1")
                .paramLabel(label);
    }

    /** An option whose value may be left out ({@code --shellcheck}), which then means {@code fallback}. */
    public static OptionSpec.Builder optionalValue(String fallback, String label, String... names) {
        return OptionSpec.builder(names).type(String.class).arity("0..1").fallbackValue(fallback).paramLabel(label);
    }

    /** Exactly one word at {@code index}. */
    public static PositionalParamSpec.Builder required(int index, String label) {
        return parameter(index, "1", label).required(true);
    }

    /** One word or none at {@code index}. */
    public static PositionalParamSpec.Builder optional(int index, String label) {
        return parameter(index, "0..1", label);
    }

    /** At least one word, from {@code index} on. */
    public static PositionalParamSpec.Builder oneOrMore(int index, String label) {
        return parameter(index, "1..*", label).required(true).type(List.class).auxiliaryTypes(String.class).index(index + "..*");
    }

    /** Any number of words, from {@code index} on. */
    public static PositionalParamSpec.Builder zeroOrMore(int index, String label) {
        return parameter(index, "0..*", label).type(List.class).auxiliaryTypes(String.class).index(index + "..*");
    }

    private static PositionalParamSpec.Builder parameter(int index, String arity, String label) {
        return PositionalParamSpec.builder().index(Integer.toString(index)).arity(arity).type(String.class)
                .paramLabel(label);
    }
}
