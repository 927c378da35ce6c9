package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageBase;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.Cmd;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.Entrypoint;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.Expose;
import dev.jbuild.parser.instructions.Healthcheck;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.InstructionParser;
import dev.jbuild.parser.instructions.Label;
import dev.jbuild.parser.instructions.Maintainer;
import dev.jbuild.parser.instructions.Onbuild;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.instructions.Shell;
import dev.jbuild.parser.instructions.Stopsignal;
import dev.jbuild.parser.instructions.User;
import dev.jbuild.parser.instructions.Volume;
import dev.jbuild.parser.instructions.Workdir;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one stage: resolves its base, runs the base's ONBUILD triggers, dispatches each instruction
 * to the class that knows it, and dates the history it wrote.
 */
public final class StageRunner {
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private StageRunner() {
    }

    /** A trigger or instruction with the text the progress output shows for it. */
    private record Planned(Instruction instruction, String text) {}

    public static ImageState run(BuildSession session, Stage stage, String label)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        checkPlatform(session, stage);
        ImageState base = base(session, stage);
        StageState state = new StageState(stage, label, base);
        state.setBase(baseIdentity(session, stage));
        if (stage.base() instanceof StageBase.StageRef ref && session.stageThatWouldRun(ref.index()) != null) {
            state.stopDryRun("its base stage " + session.stageThatWouldRun(ref.index()) + " would run");
        }
        if (state.run().envValue("PATH") == null) {
            // BuildKit makes sure every stage has a PATH, and writes it into the image's Env.
            List<String> env = new ArrayList<>(state.run().env());
            env.add(DEFAULT_PATH);
            state.updateRun(run -> run.withEnv(env));
        }
        List<Planned> plan = new ArrayList<>();
        for (String trigger : base.config().config().onBuild()) {
            for (Instruction instruction : parseTrigger(trigger)) {
                plan.add(new Planned(instruction, "ONBUILD " + trigger));
            }
        }
        if (!base.config().config().onBuild().isEmpty()) {
            state.updateRun(run -> run.withOnBuild(List.of())); // triggers run once, in the first child
        }
        for (Instruction instruction : stage.instructions()) {
            plan.add(new Planned(instruction, text(session, instruction)));
        }
        state.setTotal(1 + (int) plan.stream().filter(p -> isFilesystemStep(p.instruction())).count());
        StepId from = session.newStep(state, 1, "FROM " + stage.baseName()
                + (stage.name() != null ? " AS " + stage.name() : ""), stage.from().range());
        if (session.request().dryRun()) {
            session.emit(new BuildEvent.StepPlanned(from, true, null));
        } else {
            session.emit(new BuildEvent.StepStarted(from));
            Duration fromElapsed = Duration.ofNanos(System.nanoTime() - start);
            session.emit(new BuildEvent.StepFinished(from, fromElapsed));
            session.timed(from, fromElapsed, false);
        }
        state.stepDone(from.label(), false);

        for (Planned planned : plan) {
            if (Thread.currentThread().isInterrupted()) {
                throw new dev.jbuild.builder.BuildCancelledException("build cancelled");
            }
            dispatch(session, state, planned);
        }
        if (state.dryRunStop() != null) {
            session.stageWouldRun(stage.index(), label.isEmpty() ? String.valueOf(stage.index()) : label);
        }
        ImageConfig finished = dateHistory(state.config(), state.baseHistorySize(), session.epoch(),
                session.started());
        return new ImageState(finished, state.image().layers());
    }

    private static void dispatch(BuildSession session, StageState state, Planned planned)
            throws IOException, InterruptedException {
        Instruction instruction = planned.instruction();
        if (isFilesystemStep(instruction)) {
            awaitStages(session, state, instruction);
            StepId step = session.newStep(state, state.nextPosition(), planned.text(), instruction.range());
            if (session.request().dryRun()) {
                String stop = dryRunStop(session, state, instruction);
                if (stop != null) {
                    session.emit(new BuildEvent.StepPlanned(step, false, stop));
                    state.stopDryRun("the step before, " + step.label() + ", would run");
                    state.stepDone(step.label(), true);
                    return;
                }
            } else {
                session.emit(new BuildEvent.StepStarted(step));
            }
            try {
                if (instruction instanceof Run run) {
                    RunInstruction.apply(session, state, run, step);
                } else if (instruction instanceof Copy copy) {
                    CopyInstruction.copy(session, state, copy, step);
                } else if (instruction instanceof Add add) {
                    CopyInstruction.add(session, state, add, step);
                } else if (instruction instanceof Workdir workdir) {
                    WorkdirInstruction.apply(session, state, workdir, step);
                }
            } catch (dev.jbuild.builder.BuildCancelledException | InterruptedException
                     | java.nio.channels.ClosedByInterruptException e) {
                session.emit(new BuildEvent.StepCancelled(step));
                throw new dev.jbuild.builder.BuildCancelledException("build cancelled");
            } catch (dev.jbuild.builder.StepFailedException e) {
                throw e; // its StepFailed event is out already
            } catch (dev.jbuild.builder.BuildException | IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    session.emit(new BuildEvent.StepCancelled(step));
                    throw new dev.jbuild.builder.BuildCancelledException("build cancelled");
                }
                session.emit(new BuildEvent.StepFailed(step, e.getMessage(), java.util.List.of(), Duration.ZERO));
                throw e;
            }
        } else if (instruction instanceof Env env) {
            ConfigInstructions.env(session, state, env);
        } else if (instruction instanceof Arg arg) {
            ArgInstruction.apply(session, state, arg);
        } else if (instruction instanceof Label label) {
            ConfigInstructions.label(session, state, label);
        } else if (instruction instanceof Expose expose) {
            ConfigInstructions.expose(session, state, expose);
        } else if (instruction instanceof Volume volume) {
            ConfigInstructions.volume(session, state, volume);
        } else if (instruction instanceof User user) {
            ConfigInstructions.user(session, state, user);
        } else if (instruction instanceof Stopsignal stopsignal) {
            ConfigInstructions.stopsignal(session, state, stopsignal);
        } else if (instruction instanceof Healthcheck healthcheck) {
            ConfigInstructions.healthcheck(state, healthcheck);
        } else if (instruction instanceof Shell shell) {
            ConfigInstructions.shell(state, shell);
        } else if (instruction instanceof Cmd cmd) {
            ConfigInstructions.cmd(state, cmd);
        } else if (instruction instanceof Entrypoint entrypoint) {
            ConfigInstructions.entrypoint(state, entrypoint);
        } else if (instruction instanceof Maintainer maintainer) {
            ConfigInstructions.maintainer(state, maintainer);
        } else if (instruction instanceof Onbuild onbuild) {
            ConfigInstructions.onbuild(state, onbuild);
        } else {
            throw new BuildException(instruction.name() + " is not allowed here");
        }
    }

    /**
     * Waits for the stages a step copies or mounts from before the step is shown as started, so that
     * progress shows it running only while it really runs.
     */
    private static void awaitStages(BuildSession session, StageState state, Instruction instruction)
            throws InterruptedException {
        List<String> references = new ArrayList<>();
        Expander expander = Expander.of(session, state, instruction.range());
        if (instruction instanceof Copy copy && copy.from() != null) {
            references.add(expander.word(copy.from()));
        } else if (instruction instanceof Run run) {
            for (dev.jbuild.parser.instructions.Mount mount : run.mounts()) {
                dev.jbuild.parser.instructions.Mount expanded =
                        dev.jbuild.parser.instructions.MountSpecParser.parse(mount.spec(), expander::word);
                if (expanded instanceof dev.jbuild.parser.instructions.Mount.Bind bind && bind.from() != null) {
                    references.add(bind.from());
                } else if (expanded instanceof dev.jbuild.parser.instructions.Mount.Cache cache
                        && cache.from() != null) {
                    references.add(cache.from());
                }
            }
        }
        for (String reference : references) {
            java.util.Optional<Stage> stage = session.request().graph().stage(reference);
            if (stage.isPresent()) {
                session.results().await(stage.get().index());
            }
        }
    }

    /**
     * In a dry run, why a step cannot be looked up: a step before it in the stage, or the stage it
     * copies from, would run, so what it starts from is not known. Null when it can be.
     */
    private static String dryRunStop(BuildSession session, StageState state, Instruction instruction) {
        if (state.dryRunStop() != null) {
            return state.dryRunStop();
        }
        if (instruction instanceof Copy copy && copy.from() != null) {
            Expander expander = Expander.of(session, state, instruction.range());
            java.util.Optional<Stage> source = session.request().graph().stage(expander.word(copy.from()));
            if (source.isPresent() && session.stageThatWouldRun(source.get().index()) != null) {
                return "its source stage " + session.stageThatWouldRun(source.get().index()) + " would run";
            }
        }
        return null;
    }

    /** How the stage's FROM resolves: {@code scratch}, {@code stage NAME}, or {@code reference@image ID}. */
    private static String baseIdentity(BuildSession session, Stage stage) throws IOException {
        StageBase base = stage.base();
        if (base instanceof StageBase.Scratch) {
            return "scratch";
        }
        if (base instanceof StageBase.StageRef ref) {
            Stage parent = session.request().graph().stages().get(ref.index());
            return "stage " + (parent.name() != null ? parent.name() : String.valueOf(parent.index()));
        }
        String reference = ((StageBase.Image) base).reference();
        try {
            return reference + "@" + session.store().image(reference).id().value();
        } catch (RuntimeException e) {
            return reference;
        }
    }

    static boolean isFilesystemStep(Instruction instruction) {
        return instruction instanceof Run || instruction instanceof Copy || instruction instanceof Add
                || instruction instanceof Workdir;
    }

    /**
     * The image a stage's chain of FROMs starts from (scratch, or an image of the store): what
     * {@code --squash} keeps as it is.
     */
    public static ImageState rootBase(BuildSession session, Stage stage) throws IOException, InterruptedException {
        Stage current = stage;
        while (current.base() instanceof StageBase.StageRef ref) {
            current = session.request().graph().stages().get(ref.index());
        }
        return base(session, current);
    }

    private static ImageState base(BuildSession session, Stage stage) throws IOException, InterruptedException {
        StageBase base = stage.base();
        if (base instanceof StageBase.Scratch) {
            return new ImageState(ImageConfig.empty(storePlatform(session)), List.of());
        }
        if (base instanceof StageBase.StageRef ref) {
            return session.results().await(ref.index());
        }
        return SourceImages.image(session, ((StageBase.Image) base).reference(), null);
    }

    private static dev.jbuild.imagespec.Platform storePlatform(BuildSession session) {
        Platform platform = session.request().graph().platform();
        return new dev.jbuild.imagespec.Platform(platform.architecture(), platform.os(), null, null, platform.variant());
    }

    /** jbuild builds for the machine it runs on; another {@code --platform} is refused, clearly. */
    private static void checkPlatform(BuildSession session, Stage stage) {
        if (stage.platform() == null || stage.platform().isEmpty()) {
            return;
        }
        Platform host = session.request().graph().platform();
        Platform wanted;
        try {
            wanted = Platform.parse(stage.platform());
        } catch (IllegalArgumentException e) {
            throw new BuildException(e.getMessage());
        }
        boolean same = wanted.os().equals(host.os()) && wanted.architecture().equals(host.architecture())
                && (wanted.variant().isEmpty() || wanted.variant().equals(host.variant()));
        if (!same) {
            throw new BuildException("FROM --platform=" + stage.platform() + " is not supported: jbuild builds for "
                    + "this machine's platform (" + host + ") only");
        }
    }

    private static List<Instruction> parseTrigger(String trigger) {
        SyntaxTree tree = SyntaxParser.parse(trigger + "\n", "ONBUILD");
        return InstructionParser.parseAll(tree);
    }

    /** The instruction as written, continuation lines joined, as BuildKit names the step. */
    private static String text(BuildSession session, Instruction instruction) {
        SourceRange range = instruction.range();
        SyntaxTree tree = session.request().graph().syntax();
        if (range == null) {
            return instruction.name();
        }
        char escape = tree.escape();
        StringBuilder out = new StringBuilder();
        for (int line = range.startLine(); line <= range.endLine(); line++) {
            String text = tree.sourceLine(line);
            String trimmed = text.stripTrailing();
            if (trimmed.endsWith(String.valueOf(escape))) {
                out.append(trimmed, 0, trimmed.length() - 1);
                continue;
            }
            out.append(text);
            break;
        }
        return out.toString().trim().replaceAll("\\s+", " ");
    }

    /**
     * Gives this stage's history entries their times: with SOURCE_DATE_EPOCH all of them that time;
     * otherwise a config-only entry takes the time of the layer step before it (or after it, before
     * the first), as BuildKit's exporter does. The config's {@code created} is the last entry's.
     */
    static ImageConfig dateHistory(ImageConfig config, int from, Instant epoch, Instant fallback) {
        List<HistoryEntry> history = new ArrayList<>(config.history());
        Instant previous = null;
        Instant firstLayer = null;
        for (int i = from; i < history.size(); i++) {
            if (history.get(i).created() != null) {
                firstLayer = history.get(i).created();
                break;
            }
        }
        for (int i = from; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            Instant created = epoch != null ? epoch
                    : entry.created() != null ? entry.created()
                    : previous != null ? previous
                    : firstLayer != null ? firstLayer : fallback;
            previous = created;
            history.set(i, new HistoryEntry(created, entry.createdBy(), entry.author(), entry.comment(),
                    entry.emptyLayer()));
        }
        Instant created = epoch != null ? epoch
                : history.size() > from ? history.get(history.size() - 1).created()
                : config.created() != null ? config.created() : fallback;
        return config.withHistory(history).withCreated(created);
    }
}
