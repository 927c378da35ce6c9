package dev.jbuild.cli.spec;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Makes commands with jbuild's help layout and the standard {@code -h} and {@code -V} options. */
public final class Commands {
    /** Help is wrapped at this width whatever the terminal's: golden help files compare byte for byte. */
    public static final int WIDTH = 80;

    private Commands() {}

    /**
     * Start-up settings for picocli, before its first class is used: no reflective type converters
     * (picocli otherwise looks up java.sql and java.time classes and their parse methods by reflection
     * on every start; jbuild converts its paths and times itself) and no probing for Groovy closures.
     */
    public static void configure() {
        System.setProperty("picocli.converters.excludes", ".*");
        System.setProperty("picocli.disable.closures", "true");
    }

    /**
     * A command named {@code name} whose help shows {@code description} (one line each; the first is its
     * summary in command lists). Like every description in picocli, a line is a format string (write
     * {@code %%} for a percent sign); {@code ${...}} is not expanded, so {@code $VAR} may be written as is.
     */
    public static CommandSpec command(String name, String... description) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.interpolateVariables(false);
        // an option's value may be a command's name ('--log-level info', also as a default from the environment)
        spec.parser().allowSubcommandsAsOptionParameters(true);
        spec.usageMessage().description(description).width(WIDTH).autoWidth(false);
        spec.addOption(Args.flag("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(Args.flag("-V", "--version").versionHelp(true).description("Print version information and exit.")
                .build());
        return spec;
    }

    /** Adds options built from their builders, in order. */
    public static CommandSpec options(CommandSpec spec, OptionSpec.Builder... options) {
        for (OptionSpec.Builder option : options) {
            spec.addOption(option.build());
        }
        return spec;
    }
}
