package dev.jbuild.cli;

import java.util.Locale;

/** Process entry point: run the command line and exit with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Output is Docker's, the same in every locale: no localized digits in line numbers or sizes.
        // en-US is also the one locale Formatter needs no locale data for (jffi formats a string while
        // loading, 6 ms of locale set-up in the first step that mounts anything).
        Locale.setDefault(Locale.US);
        StartupWarmer.start(args);
        int code = new Cli(System.in, System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
