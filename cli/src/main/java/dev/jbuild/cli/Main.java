package dev.jbuild.cli;

/** Process entry point: run the command line and exit with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StartupWarmer.start(args);
        int code = new Cli(System.in, System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
