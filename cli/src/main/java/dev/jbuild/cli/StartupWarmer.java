package dev.jbuild.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Sets up, on a second thread, what almost every command needs and what is slow to set up in a fresh
 * JVM (Jackson's mapper and its date formats, the SHA-256 provider, the Dockerfile grammar), while the
 * main thread reads the command line. Start-up is most of a short command's time, and it otherwise
 * runs on one of the machine's cores.
 *
 * <p>Class initialisation happens once per JVM under a lock: the main thread finds each piece ready,
 * or waits for the initialisation already running; it never runs it twice.
 */
final class StartupWarmer {
    /** Words that print and exit before any of it is needed. */
    private static final Set<String> NOTHING_TO_WARM = Set.of("-V", "--version", "-h", "--help", "help");

    private StartupWarmer() {}

    static void start(String[] args) {
        if (!worthWarming(args)) {
            return;
        }
        Thread thread = new Thread(StartupWarmer::warm, "jbuild-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** False for a bare {@code jbuild} and for help and version requests, which need none of it. */
    static boolean worthWarming(String[] args) {
        return args.length > 0 && !NOTHING_TO_WARM.contains(args[args.length - 1]);
    }

    private static void warm() {
        try {
            new ObjectMapper();
            MessageDigest.getInstance("SHA-256");
            Class.forName("dev.jbuild.grammar.DockerfileParser", true, StartupWarmer.class.getClassLoader());
        } catch (NoSuchAlgorithmException | ClassNotFoundException | LinkageError e) {
            // only a head start: the command sets up what it needs itself and reports what fails
        }
    }
}
