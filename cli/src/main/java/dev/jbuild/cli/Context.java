package dev.jbuild.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What every command may use: the process streams, the environment and the global options. */
public final class Context {
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final GlobalOptions global;

    Context(InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env, GlobalOptions global) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.env = env;
        this.global = global;
    }

    public InputStream stdin() {
        return stdin;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    public GlobalOptions global() {
        return global;
    }
}
