package dev.jbuild.dist;

import dev.jbuild.cli.CompletionScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step: writes, from the command model, the AsciiDoc man pages of every command (picocli's
 * man-page generator; Asciidoctor turns them into troff next) and the completion scripts.
 * Arguments: the output directory and the version.
 */
public final class GenerateDocs {
    /** Wide enough that no synopsis is wrapped by picocli: man wraps it, and a wrapped label breaks markup. */
    private static final int UNWRAPPED = 10_000;

    private GenerateDocs() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        CommandSpec model = CompletionScripts.model();
        model.version("jbuild " + args[1]);
        Set<String> labels = new TreeSet<>();
        prepare(model, labels);
        Path adoc = Files.createDirectories(out.resolve("man-adoc"));
        int exit = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, model);
        if (exit != 0) {
            throw new IllegalStateException("man page generation failed with exit code " + exit);
        }
        try (Stream<Path> pages = Files.list(adoc)) {
            for (Path page : pages.toList()) {
                Files.writeString(page, protect(Files.readString(page), labels));
            }
        }
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("jbuild.bash"), CompletionScripts.bash(model));
        Files.writeString(completion.resolve("jbuild.fish"), CompletionScripts.fish(model));
    }

    /** Unwrapped synopses for every command, and the value labels that AsciiDoc would read as markup. */
    private static void prepare(CommandSpec command, Set<String> labels) {
        command.usageMessage().width(UNWRAPPED);
        for (ArgSpec argument : command.args()) {
            String label = argument.paramLabel();
            if (label != null && label.matches(".*[\\[\\]|:,=].*")) {
                labels.add(label);
            }
        }
        for (CommandLine sub : command.subcommands().values()) {
            prepare(sub.getCommandSpec(), labels);
        }
    }

    /**
     * In {@code _KEY[=VALUE]_} (an italic label) AsciiDoc reads the brackets as markup: they are written
     * as its built-in attributes for brackets instead.
     */
    static String protect(String page, Set<String> labels) {
        String protectedPage = page;
        for (String label : labels) {
            protectedPage = protectedPage.replace("_" + label + "_",
                    "_" + label.replace("[", "{startsb}").replace("]", "{endsb}") + "_");
        }
        return protectedPage;
    }
}
