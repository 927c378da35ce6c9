package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BaseImageNotFoundException;
import dev.jbuild.builder.BuildException;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageBase;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.InstructionException;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.instructions.Workdir;
import dev.jbuild.parser.syntax.DockerfileErrors;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out and checks the whole build before its first step, as BuildKit converts the whole
 * Dockerfile before it runs anything: every instruction of every stage the target needs is expanded
 * against its stage's variables (the base image's ENV, the stage's ARGs and ENVs) and checked, base
 * images and {@code --from} names are looked up, and every problem is reported at once, each at its
 * line. Config-only instructions are dispatched for real on a throwaway state, so that what a later
 * instruction expands against is what it will expand against when the build runs.
 */
public final class BuildPlanner {
    private final BuildSession session;
    private final List<DockerfileSyntaxException> errors = new ArrayList<>();
    /** Each checked stage's config, for the stages built on it. */
    private final Map<Integer, ImageState> planned = new HashMap<>();
    /** The images whose FROM step is shown already: BuildKit shows one vertex per distinct base. */
    private final Set<Digest> shownBases = new HashSet<>();

    private BuildPlanner(BuildSession session) {
        this.session = session;
        errors.addAll(session.request().graph().problems());
    }

    /**
     * @param order the stages the target needs, each after the stages it needs
     * @throws DockerfileSyntaxException every problem found (a {@link DockerfileErrors} when there are
     *     several); nothing has run
     */
    public static BuildPlan plan(BuildSession session, List<Stage> order) throws IOException {
        BuildPlanner planner = new BuildPlanner(session);
        List<StagePlan> stages = new ArrayList<>();
        int steps = 0;
        for (Stage stage : order) {
            StagePlan plan = planner.stage(stage);
            stages.add(plan);
            steps += plan.shownSteps();
        }
        DockerfileErrors.throwIfAny(planner.errors);
        return new BuildPlan(stages, steps);
    }

    private StagePlan stage(Stage stage) throws IOException {
        String label = label(stage);
        checkThat(stage.from().range(), () -> StageRunner.checkPlatform(session, stage));
        ImageRecord image = null;
        ImageState base;
        boolean directory = false;
        if (stage.base() instanceof StageBase.Image ref && SourceImages.namedDirectory(session, ref.reference()) != null) {
            directory = true; // its files are read when the stage runs; its config is the empty image's
            base = new ImageState(StageRunner.scratch(session), List.of());
        } else if (stage.base() instanceof StageBase.Image ref) {
            image = check(stage.from().range(), () -> baseImage(stage, ref.reference()));
            base = image == null ? new ImageState(StageRunner.scratch(session), List.of())
                    : new ImageState(image.config(), image.manifest().layers());
        } else if (stage.base() instanceof StageBase.StageRef ref && planned.containsKey(ref.index())) {
            base = planned.get(ref.index());
        } else { // scratch, or a stage in a loop (reported by the graph)
            base = new ImageState(StageRunner.scratch(session), List.of());
        }
        List<StagePlan.Step> steps = check(stage.from().range(), () -> StageRunner.steps(session, stage, base.config()));
        if (steps == null) {
            steps = StageRunner.steps(session, stage, StageRunner.scratch(session));
        }
        boolean showsFrom = directory || image != null && shownBases.add(image.id());
        int total = (stage.base() instanceof StageBase.Image ? 1 : 0)
                + (int) steps.stream().filter(s -> StageRunner.isFilesystemStep(s.instruction())).count();
        StagePlan plan = new StagePlan(stage, label, steps, showsFrom, total);
        planned.put(stage.index(), checkSteps(plan, base));
        return plan;
    }

    /**
     * The image FROM names. FROM names only stages above it (BuildKit's rule), so a later stage's name
     * is an image's: when there is no such image, the error says where that stage is.
     */
    private ImageRecord baseImage(Stage stage, String reference) throws IOException {
        try {
            return SourceImages.record(session, reference);
        } catch (BaseImageNotFoundException e) {
            for (Stage later : session.request().graph().stages()) {
                if (later.index() > stage.index() && reference.equalsIgnoreCase(later.name())) {
                    throw error("FROM " + reference + ": stage \"" + later.name() + "\" is defined later (line "
                                    + later.from().range().startLine() + "); FROM can name only a stage above it",
                            "move stage \"" + later.name() + "\" above this FROM", stage.from().range(), e);
                }
            }
            throw e;
        }
    }

    /** Dispatches the stage's steps on a throwaway state, noting what fails; returns the config it ends with. */
    private ImageState checkSteps(StagePlan plan, ImageState base) throws IOException {
        StageState state = new StageState(plan.stage(), plan.label(), base, plan.fromCounts());
        StageRunner.withDefaultPath(state);
        for (StagePlan.Step step : plan.steps()) {
            SourceRange range = step.trigger() ? plan.stage().from().range() : step.instruction().range();
            String prefix = step.trigger() ? step.text() + ": " : "";
            check(range, prefix, () -> {
                if (step.instruction() instanceof Run run) {
                    RunMounts.check(session, run.mounts(), Expander.of(session, state, run.range()));
                } else if (step.instruction() instanceof Copy || step.instruction() instanceof Add) {
                    CopyInstruction.check(session, state, step.instruction());
                } else if (step.instruction() instanceof Workdir workdir) {
                    WorkdirInstruction.check(session, state, workdir);
                } else {
                    StageRunner.applyConfig(session, state, step.instruction());
                }
                return null;
            });
        }
        return state.image();
    }

    /** BuildKit's bracket label: the AS name, else {@code stage-N} when the file has several stages. */
    private String label(Stage stage) {
        if (stage.name() != null) {
            return stage.name();
        }
        return session.request().graph().stages().size() > 1 ? "stage-" + stage.index() : "";
    }

    @FunctionalInterface
    private interface Check<T> {
        T run() throws IOException;
    }

    @FunctionalInterface
    private interface VoidCheck {
        void run();
    }

    private void checkThat(SourceRange range, VoidCheck check) throws IOException {
        check(range, "", () -> {
            check.run();
            return null;
        });
    }

    private <T> T check(SourceRange range, Check<T> check) throws IOException {
        return check(range, "", check);
    }

    /** The check's result, or null with its failure noted at {@code range}. */
    private <T> T check(SourceRange range, String prefix, Check<T> check) throws IOException {
        try {
            return check.run();
        } catch (DockerfileSyntaxException e) {
            boolean elsewhere = e.range() == null || !e.range().file().equals(range.file());
            errors.add(prefix.isEmpty() && !elsewhere ? e : error(prefix + e.getMessage(), e.hint(), range, e));
        } catch (InstructionException e) {
            errors.add(error(prefix + e.getMessage(), e.hint(), range, e));
        } catch (BuildException e) {
            errors.add(error(prefix + e.getMessage(), null, range, e));
        }
        return null;
    }

    private DockerfileSyntaxException error(String message, String hint, SourceRange range, Exception cause) {
        DockerfileSyntaxException error = new DockerfileSyntaxException(message, range,
                session.request().graph().syntax().sourceLine(range.startLine()), hint);
        error.initCause(cause);
        return error;
    }
}
