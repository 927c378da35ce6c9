package dev.jbuild.builder.dispatch;

import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.InstructionParser;
import dev.jbuild.parser.instructions.Workdir;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.VariableLookup;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code import --change}: Dockerfile instructions that edit an image's config, with the meaning a build
 * gives them ({@link ConfigInstructions}, the same code), limited to the instructions Docker's
 * {@code BuildFromConfig} accepts. Values expand against the image's environment as the changes build it up;
 * a shell-form CMD or ENTRYPOINT runs in the image's SHELL; ENTRYPOINT clears CMD unless a CMD is among
 * the changes. Two things differ from a build, as they do in Docker: no history entry per change (the import
 * writes its own), and {@code ArgsEscaped} is left alone (dockerd's dispatcher sets it only on Windows).
 */
public final class ConfigChanges {
    private static final Set<String> ALLOWED = Set.of("cmd", "entrypoint", "env", "expose", "healthcheck", "label",
            "onbuild", "stopsignal", "user", "volume", "workdir");

    private record Change(Instruction instruction, SyntaxTree tree) {}

    private final List<Change> changes;

    private ConfigChanges(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    /**
     * Parses every change now, so that a bad one fails before any work.
     *
     * @throws DockerfileSyntaxException a change that does not parse or is not allowed, said with the change
     */
    public static ConfigChanges parse(List<String> changes) {
        List<Change> parsed = new ArrayList<>();
        for (String change : changes) {
            SyntaxTree tree;
            List<Instruction> instructions = new ArrayList<>();
            try {
                tree = SyntaxParser.parse(change + "\n", "--change");
                for (RawInstruction raw : tree.instructions()) {
                    instructions.add(InstructionParser.parse(raw, tree));
                }
            } catch (DockerfileSyntaxException e) {
                throw new DockerfileSyntaxException("invalid --change '" + change + "': " + e.getMessage(), null, null);
            }
            for (Instruction instruction : instructions) {
                String keyword = instruction.name().toLowerCase(Locale.ROOT);
                if (!ALLOWED.contains(keyword)) {
                    throw new DockerfileSyntaxException(keyword + " is not a valid change command", null, null);
                }
                parsed.add(new Change(instruction, tree));
            }
        }
        return new ConfigChanges(parsed);
    }

    /**
     * @throws DockerfileSyntaxException a value that does not expand or is invalid (a port, a signal, an
     *     empty VOLUME), at the change that holds it
     */
    public ImageConfig applyTo(ImageConfig config) {
        Imported state = new Imported(config);
        for (Change change : changes) {
            Instruction instruction = change.instruction();
            Expander expander = new Expander(new ShellExpander(change.tree().escape()),
                    VariableLookup.of(state.run().envMap()), instruction.range(), change.tree());
            if (instruction instanceof Workdir workdir) {
                ConfigInstructions.workdir(expander, state, workdir);
            } else {
                ConfigInstructions.apply(expander, state, instruction); // parse() let only config instructions in
            }
        }
        return state.config();
    }

    /** The image being imported: no history per change, ArgsEscaped as it was. */
    private static final class Imported implements ConfigState {
        private final boolean argsEscaped;
        private ImageConfig config;
        private boolean cmdSet;

        Imported(ImageConfig config) {
            this.config = config;
            this.argsEscaped = config.config().argsEscaped();
        }

        @Override
        public ImageConfig config() {
            return config;
        }

        @Override
        public void setConfig(ImageConfig value) {
            config = value.config().argsEscaped() == argsEscaped ? value
                    : value.withConfig(value.config().withArgsEscaped(argsEscaped));
        }

        @Override
        public void addHistory(String createdBy) {
            // the import writes one history entry of its own ("Imported from ...")
        }

        @Override
        public boolean cmdSet() {
            return cmdSet;
        }

        @Override
        public void markCmdSet() {
            cmdSet = true;
        }
    }
}
