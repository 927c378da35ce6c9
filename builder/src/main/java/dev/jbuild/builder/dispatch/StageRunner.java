package dev.jbuild.builder.dispatch;

import dev.jbuild.store.PlatformMatch;
import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.executor.ExecutorException;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageBase;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.InstructionParser;
import dev.jbuild.parser.instructions.Run;
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

    public static ImageState run(BuildSession session, StagePlan plan) throws IOException, InterruptedException {
        Stage stage = plan.stage();
        checkPlatform(session, stage);
        List<String> baseWouldRun = new ArrayList<>(1);
        ImageState base = base(session, plan, baseWouldRun::add);
        StageState state = new StageState(stage, plan.label(), base, plan.fromCounts());
        baseWouldRun.forEach(state::stopDryRun);
        state.setTotal(plan.total());
        state.setBase(baseIdentity(session, stage));
        if (stage.base() instanceof StageBase.Image image
                && SourceImages.namedDirectory(session, image.reference()) == null) {
            // What a cache-miss explanation names as the first step's parent when the base image changed.
            state.stepDone(new StepId(0, plan.label(), 1, plan.total(), "FROM " + stage.baseName(),
                    stage.from().range()).label(), false);
        }
        if (stage.base() instanceof StageBase.StageRef ref && session.stageThatWouldRun(ref.index()) != null) {
            state.stopDryRun("its base stage " + session.stageThatWouldRun(ref.index()) + " would run");
        }
        withDefaultPath(state);
        if (!base.config().config().onBuild().isEmpty()) {
            state.updateRun(run -> run.withOnBuild(List.of())); // triggers run once, in the first child
        }
        for (StagePlan.Step step : plan.steps()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new dev.jbuild.builder.BuildCancelledException("build cancelled");
            }
            dispatch(session, state, step);
        }
        if (state.dryRunStop() != null) {
            session.stageWouldRun(stage.index(), plan.label().isEmpty() ? String.valueOf(stage.index()) : plan.label());
        }
        ImageConfig finished = dateHistory(state.config(), state.baseHistorySize(), session.epoch(),
                session.started());
        return new ImageState(finished, state.image().layers());
    }

    /** BuildKit makes sure every stage has a PATH, and writes it into the image's Env. */
    static void withDefaultPath(StageState state) {
        if (state.run().envValue("PATH") == null) {
            List<String> env = new ArrayList<>(state.run().env());
            env.add(DEFAULT_PATH);
            state.updateRun(run -> run.withEnv(env));
        }
    }

    /** The stage's steps: its base's ONBUILD triggers, then its own instructions. */
    static List<StagePlan.Step> steps(BuildSession session, Stage stage, ImageConfig base) {
        List<StagePlan.Step> steps = new ArrayList<>();
        for (String trigger : base.config().onBuild()) {
            for (Instruction instruction : parseTrigger(trigger)) {
                steps.add(new StagePlan.Step(instruction, "ONBUILD " + trigger, true));
            }
        }
        for (Instruction instruction : stage.instructions()) {
            steps.add(new StagePlan.Step(instruction, text(session, instruction), false));
        }
        return steps;
    }

    /**
     * The stage's base, ready to build on. For an image, the FROM step (when the plan shows one) is
     * timed while its layers are made ready, not while the stage waits for anything else. A directory
     * context's base is made like a step (see {@link DirectoryBase}).
     */
    private static ImageState base(BuildSession session, StagePlan plan, java.util.function.Consumer<String> wouldRun)
            throws IOException, InterruptedException {
        Stage stage = plan.stage();
        if (stage.base() instanceof StageBase.Scratch) {
            return new ImageState(scratch(session), List.of());
        }
        if (stage.base() instanceof StageBase.StageRef ref) {
            return session.results().await(ref.index());
        }
        String reference = ((StageBase.Image) stage.base()).reference();
        java.nio.file.Path directory = SourceImages.namedDirectory(session, reference);
        if (!plan.showsFrom() && directory == null) {
            return SourceImages.image(session, reference, null);
        }
        StepId from = new StepId(session.nextStepNumber(), plan.label(), 1, plan.total(), "FROM " + stage.baseName()
                + (stage.name() != null ? " AS " + stage.name() : ""), stage.from().range());
        if (directory != null) {
            try {
                return DirectoryBase.load(session, plan, from, reference, directory, wouldRun);
            } catch (IOException | BuildException | ExecutorException e) {
                session.emit(new BuildEvent.StepFailed(from, e.getMessage(), List.of(), Duration.ZERO));
                throw e;
            }
        }
        if (session.request().dryRun()) {
            ImageState image = SourceImages.image(session, reference, from);
            session.emit(new BuildEvent.StepPlanned(from, true, null));
            return image;
        }
        long start = System.nanoTime();
        session.emit(new BuildEvent.StepStarted(from));
        ImageState image;
        try {
            image = SourceImages.image(session, reference, from);
        } catch (IOException | BuildException e) {
            session.emit(new BuildEvent.StepFailed(from, e.getMessage(), List.of(),
                    Duration.ofNanos(System.nanoTime() - start)));
            throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        session.emit(new BuildEvent.StepFinished(from, elapsed));
        session.timed(from, elapsed, false);
        return image;
    }

    /**
     * BuildKit's empty image: no layers, but a working directory of "/" and the default PATH, set
     * before the stage's first instruction.
     */
    static ImageConfig scratch(BuildSession session) {
        ImageConfig empty = ImageConfig.empty(storePlatform(session));
        return empty.withConfig(empty.config().withWorkingDir("/").withEnv(List.of(DEFAULT_PATH)));
    }

    private static void dispatch(BuildSession session, StageState state, StagePlan.Step planned)
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
            } catch (dev.jbuild.builder.BuildException | IOException | ExecutorException e) {
                if (Thread.currentThread().isInterrupted()) {
                    session.emit(new BuildEvent.StepCancelled(step));
                    throw new dev.jbuild.builder.BuildCancelledException("build cancelled");
                }
                session.emit(new BuildEvent.StepFailed(step, e.getMessage(), java.util.List.of(), Duration.ZERO));
                throw e;
            }
        } else {
            applyConfig(session, state, instruction);
        }
    }

    /**
     * In a dry run, why a step would run whatever the cache holds: a step before it would run, or it
     * copies from a stage that would; null when only its own cache lookup decides.
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

    /** What the stage is built on, as a cache-miss explanation names it: scratch, a stage, or an image and its ID. */
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
        if (SourceImages.namedDirectory(session, reference) != null) {
            return "context " + reference;
        }
        return reference + "@" + SourceImages.record(session, reference).id().value();
    }

    /**
     * The image a stage's chain of FROMs starts from (scratch, or an image): what {@code --squash}
     * keeps as it is.
     */
    public static ImageState rootBase(BuildSession session, Stage stage) throws IOException {
        Stage current = stage;
        while (current.base() instanceof StageBase.StageRef ref) {
            current = session.request().graph().stages().get(ref.index());
        }
        if (current.base() instanceof StageBase.Scratch) {
            return new ImageState(scratch(session), List.of());
        }
        String reference = ((StageBase.Image) current.base()).reference();
        ImageState directoryBase = session.directoryBase(reference);
        return directoryBase != null ? directoryBase : SourceImages.image(session, reference, null);
    }

    /** An instruction that changes only the image config (or the stage's ARGs). */
    static void applyConfig(BuildSession session, StageState state, Instruction instruction) {
        if (instruction instanceof Arg arg) {
            ArgInstruction.apply(session, state, arg);
        } else if (ConfigInstructions.apply(Expander.of(session, state, instruction.range()), state, instruction)) {
            if (instruction instanceof Env) {
                Expander.requireVariablesWithinLimits(session, state, instruction.range());
            }
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
                String from = RunMounts.from(RunMounts.expanded(mount, expander));
                if (from != null) {
                    references.add(from);
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

    static boolean isFilesystemStep(Instruction instruction) {
        return instruction instanceof Run || instruction instanceof Copy || instruction instanceof Add
                || instruction instanceof Workdir;
    }

    private static Platform storePlatform(BuildSession session) {
        return session.request().graph().platform();
    }

    /** jbuild builds for the machine it runs on; another {@code --platform} is refused, clearly. */
    static void checkPlatform(BuildSession session, Stage stage) {
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
        if (!PlatformMatch.matches(host, wanted)) {
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
