package dev.jbuild.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.registry.HttpWarmUp;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Sets up, on a second thread, what almost every command needs and what is slow to set up in a fresh
 * JVM (the JSON parser, the SHA-256 provider, the Dockerfile grammar's parser and lexer, and Jackson's object mapper for
 * the commands that print JSON through it), while the main thread reads the command line. Start-up is most of a short command's time, and it otherwise
 * runs on one of the machine's cores.
 *
 * <p>Class initialisation happens once per JVM under a lock: the main thread finds each piece ready,
 * or waits for the initialisation already running; it never runs it twice.
 */
final class StartupWarmer {
    /** Words that print and exit before any of it is needed. */
    private static final Set<String> NOTHING_TO_WARM = Set.of("-V", "--version", "-h", "--help", "help");
    /** The commands that build JSON through an object mapper; the store and the build do without one. */
    private static final Set<String> MAPPER_COMMANDS = Set.of("parse", "lint", "info");
    /**
     * The registry commands: they never read a Dockerfile (the grammar's parser and lexer would be set up
     * for nothing), and their first request needs the JDK's HTTP client.
     */
    private static final Set<String> REGISTRY_COMMANDS = Set.of("pull", "push", "login", "logout");

    private StartupWarmer() {}

    static void start(String[] args) {
        if (!worthWarming(args)) {
            return;
        }
        boolean mapper = usesMapper(args);
        boolean grammar = mayReadDockerfile(args);
        // pull, push and login name their image or registry last
        String registryName = talksToRegistry(args) ? args[args.length - 1] : null;
        Thread thread = new Thread(() -> warm(mapper, grammar, registryName), "jbuild-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** False for a bare {@code jbuild} and for help and version requests, which need none of it. */
    static boolean worthWarming(String[] args) {
        return args.length > 0 && !NOTHING_TO_WARM.contains(args[args.length - 1]);
    }

    /** False for the registry commands, which never parse a Dockerfile. */
    static boolean mayReadDockerfile(String[] args) {
        return !REGISTRY_COMMANDS.contains(CommandWord.firstWord(args));
    }

    /** True for the registry commands, whose first request needs the JDK's HTTP client. */
    static boolean talksToRegistry(String[] args) {
        return REGISTRY_COMMANDS.contains(CommandWord.firstWord(args));
    }

    /** Whether the command line names a command, or asks for a build progress mode, that uses an object mapper. */
    static boolean usesMapper(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (MAPPER_COMMANDS.contains(args[i]) || args[i].equals("--progress=json")
                    || (args[i].equals("--progress") && i + 1 < args.length && args[i + 1].equals("json"))) {
                return true;
            }
        }
        return false;
    }

    private static void warm(boolean mapper, boolean grammar, String registryName) {
        try {
            if (registryName != null) {
                HttpWarmUp.run(registryName);
            }
            JsonTrees.read("{\"warm\":[1]}");
            MessageDigest.getInstance("SHA-256");
            if (grammar) {
                Class.forName("dev.jbuild.grammar.DockerfileParser", true, StartupWarmer.class.getClassLoader());
                // the lexer's ATN too: deserialised in its static initialiser, a few ms the main thread would wait
                Class.forName("dev.jbuild.grammar.DockerfileLexer", true, StartupWarmer.class.getClassLoader());
            }
            if (mapper) {
                new ObjectMapper();
            }
        } catch (IOException | NoSuchAlgorithmException | ClassNotFoundException | LinkageError e) {
            // only a head start: the command sets up what it needs itself and reports what fails
        }
    }
}
