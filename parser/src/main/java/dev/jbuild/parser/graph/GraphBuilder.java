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
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link InstructionGraph} of a parsed Dockerfile: typed instructions grouped into stages,
 * global ARGs resolved for the FROM lines, and the dependencies between stages. It never stops at an
 * error: an invalid instruction is kept with its error, a value that does not expand is kept as written,
 * and each fault is noted in the graph, so that lint reads the whole file and a build reports every
 * problem at once.
 */
public final class GraphBuilder {

    private final SyntaxTree tree;
    private final Map<String, String> buildArgs;
    private final Platform platform;
    private final ShellExpander expander;
    /** What is wrong with the file beyond its invalid instructions, in the order found. */
    private final List<DockerfileSyntaxException> faults = new ArrayList<>();
    private final Set<SizedVariables> overflowed = Collections.newSetFromMap(new IdentityHashMap<>());
    private int stageCount;

    private GraphBuilder(SyntaxTree tree, Map<String, String> buildArgs, Platform platform) {
        this.tree = tree;
        this.buildArgs = Map.copyOf(buildArgs);
        this.platform = platform;
        this.expander = new ShellExpander(tree.escape());
    }

    /**
     * The graph as the file is, faults and all; never throws.
     *
     * @param buildArgs {@code --build-arg} values by name
     * @param target the stage to build ({@code --target}), or null for the last one
     */
    public static InstructionGraph analyse(SyntaxTree tree, Map<String, String> buildArgs, String target) {
        return new GraphBuilder(tree, buildArgs, Platform.host()).run(target);
    }

    /** A graph with nothing wrong ({@link InstructionGraph#requireValid()}). */
    public static InstructionGraph build(SyntaxTree tree, Map<String, String> buildArgs, String target) {
        return analyse(tree, buildArgs, target).requireValid();
    }

    /** A graph a build can plan ({@link InstructionGraph#requireBuildable()}). */
    public static InstructionGraph buildDeferringErrors(SyntaxTree tree, Map<String, String> buildArgs, String target) {
        return analyse(tree, buildArgs, target).requireBuildable();
    }

    private InstructionGraph run(String target) {
        List<InstructionEntry> entries = entries(tree);
        SizedVariables meta = new SizedVariables(platform.automaticArgs());
        Map<String, String> metaEnv = meta.asMap();
        List<MetaArg> metaArgs = new ArrayList<>();
        List<List<InstructionEntry>> drafts = new ArrayList<>();
        boolean beforeFirstStage = false;
        for (InstructionEntry entry : entries) {
            if (entry.stage() >= 0) {
                if (entry.stage() == drafts.size()) {
                    drafts.add(new ArrayList<>());
                }
                drafts.get(entry.stage()).add(entry);
            } else if (entry.typed() instanceof Arg arg) {
                for (ArgDeclaration declaration : arg.declarations()) {
                    String value = collecting(() -> argValue(declaration, metaEnv, arg.range()));
                    if (value != null) {
                        set(meta, declaration.name(), value, arg.range());
                    }
                    metaArgs.add(new MetaArg(declaration.name(), declaration.defaultValue(), value, arg.range()));
                }
            } else if (entry.valid() && !beforeFirstStage) {
                beforeFirstStage = true; // one error says it: the instructions that follow share it
                faults.add(error("no build stage in current context", entry.range()));
            }
        }
        Map<String, Integer> stageNames = stageNames(drafts);
        stageCount = drafts.size();
        List<Stage> stages = new ArrayList<>();
        for (int index = 0; index < drafts.size(); index++) {
            stages.add(stage(index, drafts.get(index), metaEnv, stageNames));
        }
        DockerfileSyntaxException targetFault = null;
        int targetIndex = -1;
        try {
            targetIndex = targetIndex(target, stages);
        } catch (DockerfileSyntaxException e) {
            targetFault = e;
        }
        return new InstructionGraph(tree, entries, metaArgs, stages, targetIndex, platform, faults, targetFault);
    }

    /** Every instruction, typed when it is valid, each with the stage it belongs to. */
    private static List<InstructionEntry> entries(SyntaxTree tree) {
        List<InstructionEntry> entries = new ArrayList<>(tree.instructions().size());
        int stage = -1;
        for (RawInstruction raw : tree.instructions()) {
            if (raw.is("from")) {
                stage++;
            }
            Instruction typed = null;
            DockerfileSyntaxException error = null;
            try {
                typed = InstructionParser.parse(raw, tree);
            } catch (DockerfileSyntaxException e) {
                error = e;
            } catch (RuntimeException e) {
                // The parser's contract is DockerfileSyntaxException; anything else is its bug, said at the line.
                error = new DockerfileSyntaxException("cannot parse instruction: " + e, raw.range(),
                        tree.sourceLine(raw.range().startLine()));
            }
            entries.add(new InstructionEntry(entries.size(), raw, typed, error, stage));
        }
        return entries;
    }

    /** The value, or null with the fault noted: one bad line must not hide the next one. */
    private <T> T collecting(java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (DockerfileSyntaxException e) {
            faults.add(e);
            return null;
        }
    }

    private Map<String, Integer> stageNames(List<List<InstructionEntry>> drafts) {
        Map<String, Integer> names = new HashMap<>();
        for (int index = 0; index < drafts.size(); index++) {
            From from = fromOf(drafts.get(index));
            if (from.stageName() != null && names.putIfAbsent(from.stageName(), index) != null) {
                faults.add(error("duplicate stage name \"" + from.stageName() + "\"", from.range()));
            }
        }
        return names;
    }

    /**
     * The stage's FROM; one that does not parse is stood in for by what its words say (base, AS name), so
     * that the stage keeps its name and the instructions after it are checked in their own stage: one run
     * reports every mistake of the file. Its entry keeps the error.
     */
    private static From fromOf(List<InstructionEntry> draft) {
        InstructionEntry entry = draft.get(0);
        From from = entry.as(From.class);
        if (from != null) {
            return from;
        }
        List<String> args = entry.raw().args().stream().filter(arg -> !arg.startsWith("--")).toList();
        String name = args.size() >= 3 && args.get(1).equalsIgnoreCase("as") ? args.get(2).toLowerCase(Locale.ROOT) : null;
        return new From(args.isEmpty() ? "scratch" : args.get(0), name, null, entry.range());
    }

    private Stage stage(int index, List<InstructionEntry> draft, Map<String, String> metaEnv, Map<String, Integer> stageNames) {
        InstructionEntry fromEntry = draft.get(0);
        From from = fromOf(draft);
        List<Instruction> instructions = new ArrayList<>();
        for (InstructionEntry entry : draft.subList(1, draft.size())) {
            if (entry.valid()) {
                instructions.add(entry.typed());
            }
        }
        SourceRange range = instructions.isEmpty() ? fromEntry.range()
                : fromEntry.range().withEndLine(instructions.get(instructions.size() - 1).range().endLine());
        List<StageDependency> dependencies = new ArrayList<>();
        VariableLookup meta = VariableLookup.view(metaEnv);
        String baseName = orWritten(collecting(() -> expand(from.image(), meta, from.range())), from.image());
        if (baseName.isBlank()) {
            faults.add(error("base name (" + from.image() + ") should not be blank", from.range()));
            baseName = "scratch"; // noted; the stage's instructions are still checked
        }
        String platformValue = from.platform() == null ? null
                : orWritten(collecting(() -> expand(from.platform(), meta, from.range())), from.platform());
        StageBase base;
        Integer baseStage = stageNames.get(baseName.toLowerCase(Locale.ROOT));
        // As BuildKit's dispatchStates.addState: FROM names only a stage defined above it; any other name
        // is an image's, even one a later stage has.
        if (baseStage != null && baseStage < index) {
            base = new StageBase.StageRef(baseStage);
            dependencies.add(new StageDependency(StageDependency.Kind.FROM, index, baseName, baseStage, fromEntry));
        } else if (baseName.equals("scratch")) {
            base = new StageBase.Scratch();
        } else {
            base = new StageBase.Image(baseName);
            dependencies.add(new StageDependency(StageDependency.Kind.FROM, index, baseName, null, fromEntry));
        }
        collectDependencies(index, draft, stageNames, metaEnv, dependencies);
        return new Stage(index, from.stageName(), from, baseName, base, platformValue, draft, instructions, dependencies, range);
    }

    private static String orWritten(String expanded, String written) {
        return expanded != null ? expanded : written;
    }

    /** COPY --from and RUN --mount from= name stages (by name or index) or, failing that, images. */
    private void collectDependencies(int index, List<InstructionEntry> draft, Map<String, Integer> stageNames,
            Map<String, String> metaEnv, List<StageDependency> out) {
        SizedVariables variables = new SizedVariables();
        Map<String, String> stageEnv = variables.asMap();
        for (InstructionEntry entry : draft.subList(1, draft.size())) {
            // Values are only needed to expand --from; one that does not expand is left unset here and
            // reported when the builder dispatches the instruction, as BuildKit does (a pruned stage
            // must not fail the build).
            Instruction instruction = entry.typed();
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
                String reference = orWritten(collecting(() -> expand(copy.from(), VariableLookup.view(stageEnv),
                        copy.range())), copy.from());
                out.add(reference(index, StageDependency.Kind.COPY_FROM, reference, stageNames, entry));
            } else if (instruction instanceof Run run) {
                for (Mount mount : run.mounts()) {
                    String from = mountFrom(mount);
                    if (from != null) {
                        out.add(reference(index, StageDependency.Kind.MOUNT_FROM, from, stageNames, entry));
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

    /**
     * Sets or (for null) clears a variable; variables grown too large fail the build at this line, said once
     * for each set of variables (the lines after it would only repeat it).
     */
    private void set(SizedVariables variables, String name, String value, SourceRange range) {
        try {
            variables.put(name, value);
        } catch (SizedVariables.TooLargeException e) {
            if (overflowed.add(variables)) {
                faults.add(error(e.getMessage(), range));
            }
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

    /** A stage may not name itself: the dependency is kept (lint reads it) and the fault noted. */
    private StageDependency reference(int index, StageDependency.Kind kind, String reference,
            Map<String, Integer> stageNames, InstructionEntry entry) {
        Integer stage = stageNames.get(reference.toLowerCase(Locale.ROOT));
        if (stage == null && reference.matches("\\d{1,9}") && Integer.parseInt(reference) < stageCount) {
            stage = Integer.parseInt(reference);
        }
        if (stage != null && stage == index) {
            faults.add(error("circular dependency detected on stage: " + reference, entry.range()));
        }
        return new StageDependency(kind, index, reference, stage, entry);
    }

    private int targetIndex(String target, List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new DockerfileSyntaxException("no build stage in current context", null, null);
        }
        if (target == null || target.isEmpty()) {
            return stages.size() - 1;
        }
        String wanted = target.toLowerCase(Locale.ROOT);
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
