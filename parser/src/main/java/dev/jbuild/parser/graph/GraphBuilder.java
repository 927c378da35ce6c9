package dev.jbuild.parser.graph;

import dev.jbuild.imagespec.Platform;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.From;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.InstructionParser;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Mount;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.SizedVariables;
import dev.jbuild.parser.shell.VariableLookup;
import dev.jbuild.parser.syntax.DockerfileErrors;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link InstructionGraph} of a parsed Dockerfile: typed instructions grouped into stages,
 * global ARGs resolved for the FROM lines, and the dependencies between stages, checked for cycles.
 */
public final class GraphBuilder {

    private final SyntaxTree tree;
    private final Map<String, String> buildArgs;
    private final Platform platform;
    private final ShellExpander expander;
    /** What is wrong with the file so far; all of it is reported at once. */
    private final List<DockerfileSyntaxException> errors = new ArrayList<>();
    private int stageCount;

    private GraphBuilder(SyntaxTree tree, Map<String, String> buildArgs, Platform platform) {
        this.tree = tree;
        this.buildArgs = Map.copyOf(buildArgs);
        this.platform = platform;
        this.expander = new ShellExpander(tree.escape());
    }

    /**
     * @param buildArgs {@code --build-arg} values by name
     * @param target the stage to build ({@code --target}), or null for the last one
     */
    public static InstructionGraph build(SyntaxTree tree, Map<String, String> buildArgs, String target) {
        return new GraphBuilder(tree, buildArgs, Platform.host()).run(target, false);
    }

    /**
     * For a build: what is wrong with the file (an invalid instruction, FROM line or stage name, a loop
     * between stages) is kept in {@link InstructionGraph#problems()} instead of thrown, so that the
     * builder reports it with every problem it finds itself, before running anything. An invalid
     * instruction is left out of its stage; a stage whose FROM is invalid keeps its instructions. Only
     * a file without a stage to build still throws.
     */
    public static InstructionGraph buildDeferringErrors(SyntaxTree tree, Map<String, String> buildArgs, String target) {
        return new GraphBuilder(tree, buildArgs, Platform.host()).run(target, true);
    }

    private record StageDraft(From from, List<Instruction> instructions) {}

    private InstructionGraph run(String target, boolean deferErrors) {
        List<Instruction> instructions = instructionsKeepingStages();
        SizedVariables meta = new SizedVariables(platform.automaticArgs());
        Map<String, String> metaEnv = meta.asMap();
        List<MetaArg> metaArgs = new ArrayList<>();
        List<StageDraft> drafts = new ArrayList<>();
        boolean beforeFirstStage = false;
        for (Instruction instruction : instructions) {
            if (instruction instanceof From from) {
                drafts.add(new StageDraft(from, new ArrayList<>()));
            } else if (!drafts.isEmpty()) {
                drafts.get(drafts.size() - 1).instructions().add(instruction);
            } else if (instruction instanceof Arg arg) {
                for (ArgDeclaration declaration : arg.declarations()) {
                    String value = collecting(() -> argValue(declaration, metaEnv, arg.range()));
                    if (value != null) {
                        set(meta, declaration.name(), value, arg.range());
                    }
                    metaArgs.add(new MetaArg(declaration.name(), declaration.defaultValue(), value, arg.range()));
                }
            } else if (!beforeFirstStage) {
                beforeFirstStage = true; // one error says it: the instructions that follow share it
                errors.add(error("no build stage in current context", instruction.range()));
            }
        }
        Map<String, Integer> stageNames = stageNames(drafts);
        stageCount = drafts.size();
        List<Stage> stages = new ArrayList<>();
        for (int index = 0; index < drafts.size(); index++) {
            stages.add(stage(index, drafts.get(index), metaEnv, stageNames));
        }
        Integer targetIndex = collecting(() -> targetIndex(target, stages));
        if (targetIndex == null) {
            DockerfileErrors.throwIfAny(errors); // no target, no graph: what else is wrong is said with it
        }
        errors.addAll(CycleCheck.find(new InstructionGraph(tree, metaArgs, stages, targetIndex, platform)));
        if (!deferErrors) {
            DockerfileErrors.throwIfAny(errors);
        }
        return new InstructionGraph(tree, metaArgs, stages, targetIndex, platform, errors);
    }

    /**
     * Every valid instruction of the file, each invalid one's error noted. A FROM that does not parse is
     * stood in for by what its words say (base, AS name), so that the instructions after it stay in their
     * stage and are checked too: one run reports every mistake of the file.
     */
    private List<Instruction> instructionsKeepingStages() {
        List<Instruction> instructions = new ArrayList<>(tree.instructions().size());
        for (RawInstruction raw : tree.instructions()) {
            try {
                instructions.add(InstructionParser.parse(raw, tree));
            } catch (DockerfileSyntaxException e) {
                errors.add(e);
                if (raw.keyword().equalsIgnoreCase("from")) {
                    instructions.add(standInFrom(raw));
                }
            }
        }
        return instructions;
    }

    private static From standInFrom(RawInstruction raw) {
        List<String> args = raw.args();
        String name = args.size() >= 3 && args.get(1).equalsIgnoreCase("as")
                ? args.get(2).toLowerCase(java.util.Locale.ROOT) : null;
        return new From(args.isEmpty() ? "scratch" : args.get(0), name, null, raw.range());
    }

    /** The value, or null with the error noted: one bad line must not hide the next one. */
    private <T> T collecting(java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (DockerfileSyntaxException e) {
            errors.add(e);
            return null;
        }
    }

    private Map<String, Integer> stageNames(List<StageDraft> drafts) {
        Map<String, Integer> names = new HashMap<>();
        for (int index = 0; index < drafts.size(); index++) {
            From from = drafts.get(index).from();
            if (from.stageName() != null && names.putIfAbsent(from.stageName(), index) != null) {
                errors.add(error("duplicate stage name \"" + from.stageName() + "\"", from.range()));
            }
        }
        return names;
    }

    /**
     * The stage. One whose FROM cannot be expanded gets the empty base, its error noted, so that its
     * instructions are still checked.
     */
    private Stage stage(int index, StageDraft draft, Map<String, String> metaEnv, Map<String, Integer> stageNames) {
        From from = draft.from();
        VariableLookup meta = VariableLookup.view(metaEnv);
        String expanded = collecting(() -> baseName(from, meta));
        String platformValue = from.platform() == null ? null
                : collecting(() -> expand(from.platform(), meta, from.range()));
        List<StageDependency> dependencies = new ArrayList<>();
        String baseName = expanded == null ? "scratch" : expanded;
        // As BuildKit's dispatchStates.addState: FROM names only a stage defined above it; any other name
        // is an image's, even one a later stage has.
        Integer baseStage = stageNames.get(baseName.toLowerCase(java.util.Locale.ROOT));
        StageBase base;
        if (baseStage != null && baseStage < index) {
            base = new StageBase.StageRef(baseStage);
            dependencies.add(new StageDependency(StageDependency.Kind.FROM, baseName, baseStage, from.range()));
        } else if (baseName.equals("scratch")) {
            base = new StageBase.Scratch();
        } else {
            base = new StageBase.Image(baseName);
            dependencies.add(new StageDependency(StageDependency.Kind.FROM, baseName, null, from.range()));
        }
        collecting(() -> {
            collectDependencies(index, draft.instructions(), metaEnv, stageNames, dependencies);
            return null;
        });
        SourceRange range = from.range();
        if (!draft.instructions().isEmpty()) {
            range = range.withEndLine(draft.instructions().get(draft.instructions().size() - 1).range().endLine());
        }
        return new Stage(index, from.stageName(), from, baseName, base, platformValue, draft.instructions(), dependencies, range);
    }

    private String baseName(From from, VariableLookup meta) {
        String name = expand(from.image(), meta, from.range());
        if (name.isBlank()) {
            throw error("base name (" + from.image() + ") should not be blank", from.range());
        }
        return name;
    }

    /** COPY --from and RUN --mount from= name stages (by name or index) or, failing that, images. */
    private void collectDependencies(int index, List<Instruction> instructions, Map<String, String> metaEnv,
            Map<String, Integer> stageNames, List<StageDependency> out) {
        SizedVariables variables = new SizedVariables();
        Map<String, String> stageEnv = variables.asMap();
        for (Instruction instruction : instructions) {
            // Values are only needed to expand --from; one that does not expand is left unset here and
            // reported when the builder dispatches the instruction, as BuildKit does (a pruned stage
            // must not fail the build).
            if (instruction instanceof Arg arg) {
                for (ArgDeclaration declaration : arg.declarations()) {
                    String value = lenient(() -> argValue(declaration, stageEnv, arg.range()));
                    if (value == null && declaration.defaultValue() == null) {
                        value = metaEnv.get(declaration.name()); // re-declared global ARG keeps its value
                    }
                    set(variables, declaration.name(), value, arg.range());
                }
            } else if (instruction instanceof Env env) {
                for (KeyValue pair : env.variables()) {
                    set(variables, pair.key(), lenient(() -> expand(pair.value(), VariableLookup.view(stageEnv), env.range())),
                            env.range());
                }
            } else if (instruction instanceof Copy copy && copy.from() != null) {
                String reference = collecting(() -> expand(copy.from(), VariableLookup.view(stageEnv), copy.range()));
                if (reference != null) {
                    StageDependency dependency = collecting(() -> reference(index, StageDependency.Kind.COPY_FROM,
                            reference, stageNames, copy.range()));
                    if (dependency != null) {
                        out.add(dependency);
                    }
                }
            } else if (instruction instanceof Run run) {
                for (Mount mount : run.mounts()) {
                    String from = mountFrom(mount);
                    StageDependency dependency = from == null ? null : collecting(() -> reference(index,
                            StageDependency.Kind.MOUNT_FROM, from, stageNames, run.range()));
                    if (dependency != null) {
                        out.add(dependency);
                    }
                }
            }
        }
    }

    private static String lenient(java.util.function.Supplier<String> value) {
        try {
            return value.get();
        } catch (DockerfileSyntaxException e) {
            return null;
        }
    }

    /** Sets or (for null) clears a variable; variables grown too large stop the build at this line. */
    private void set(SizedVariables variables, String name, String value, SourceRange range) {
        try {
            variables.put(name, value);
        } catch (SizedVariables.TooLargeException e) {
            throw error(e.getMessage(), range);
        }
    }

    private static String mountFrom(Mount mount) {
        if (mount instanceof Mount.Bind bind) {
            return bind.from();
        }
        if (mount instanceof Mount.Cache cache) {
            return cache.from();
        }
        return null;
    }

    private StageDependency reference(int index, StageDependency.Kind kind, String reference,
            Map<String, Integer> stageNames, SourceRange range) {
        Integer stage = stageNames.get(reference.toLowerCase(java.util.Locale.ROOT));
        if (stage == null && reference.matches("\\d{1,9}") && Integer.parseInt(reference) < stageCount) {
            stage = Integer.parseInt(reference);
        }
        if (stage != null && stage == index) {
            throw error("circular dependency detected on stage: " + reference, range);
        }
        return new StageDependency(kind, reference, stage, range);
    }

    private int targetIndex(String target, List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new DockerfileSyntaxException("no build stage in current context", null, null);
        }
        if (target == null || target.isEmpty()) {
            return stages.size() - 1;
        }
        String wanted = target.toLowerCase(java.util.Locale.ROOT);
        for (Stage stage : stages) {
            if (wanted.equals(stage.name())) {
                return stage.index();
            }
        }
        throw new DockerfileSyntaxException("target stage \"" + target + "\" could not be found", null, null);
    }

    /** A build argument overrides the default; the default is expanded against what is declared so far. */
    private String argValue(ArgDeclaration declaration, Map<String, String> env, SourceRange range) {
        if (buildArgs.containsKey(declaration.name())) {
            return buildArgs.get(declaration.name());
        }
        if (declaration.defaultValue() == null) {
            return null;
        }
        return expand(declaration.defaultValue(), VariableLookup.view(env), range);
    }

    private String expand(String word, VariableLookup env, SourceRange range) {
        try {
            return expander.expandWord(word, env).value();
        } catch (ShellExpansionException e) {
            throw error(e.getMessage(), range);
        }
    }

    private DockerfileSyntaxException error(String message, SourceRange range) {
        return new DockerfileSyntaxException(message, range, range == null ? null : tree.sourceLine(range.startLine()));
    }
}
