package dev.jbuild.lint.model;

import dev.jbuild.imagespec.Platform;
import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageDependency;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.SizedVariables;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Dockerfile with everything rules ask about. The instructions (typed when valid), the stages and the
 * references between them are the parser's {@link InstructionGraph}, the model a build plans from, so lint
 * and build never disagree on what the file means; this class adds what only rules ask (the history of each
 * image, the shell reading of RUN lines, positions inside a line), computed lazily. Rules only read it.
 */
public final class LintUnit {
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private final DockerfileSource source;
    private final InstructionGraph graph;
    private final SyntaxTree tree;
    private final LintConfig config;
    private final BaseImageEnv baseImageEnv;
    private final ShellExpander expander;
    private final List<InstructionEntry> metaArgs;
    private final List<StageDependency> references;
    /** Each AS name (lower case) and the first stage that has it: asked for every --from of a file. */
    private final Map<String, Integer> stageNames = new HashMap<>();
    /** By entry index, made on first use; arrays rather than maps, as they are asked for every instruction. */
    private final LineMap[] lineMaps;
    private final RunScript[] runScripts;
    /** By stage index, made on first use. */
    private final ImageHistory[] histories;
    private final Map<String, Object> derived = new HashMap<>();
    private Map<String, String> metaDefaults;

    /**
     * @param graph the file as {@link dev.jbuild.parser.graph.GraphBuilder#analyse} reads it: the same
     *     model a build plans from, faults and all
     */
    public LintUnit(DockerfileSource source, InstructionGraph graph, LintConfig config, BaseImageEnv baseImageEnv) {
        this.source = source;
        this.graph = graph;
        this.tree = graph.syntax();
        this.config = config;
        this.baseImageEnv = baseImageEnv;
        this.expander = new ShellExpander(tree.escape());
        this.metaArgs = graph.entries().stream().filter(e -> e.stage() < 0 && e.is("arg")).toList();
        this.references = graph.stages().stream().flatMap(stage -> stage.dependencies().stream()).toList();
        this.lineMaps = new LineMap[graph.entries().size()];
        this.runScripts = new RunScript[graph.entries().size()];
        this.histories = new ImageHistory[graph.stages().size()];
        for (Stage stage : graph.stages()) {
            if (stage.name() != null) {
                stageNames.putIfAbsent(stage.name(), stage.index());
            }
        }
    }

    /** The stage a {@code --from} value names (an AS name, any case, or an index), or -1. */
    public int stageNamed(String reference) {
        Integer named = stageNames.get(reference.toLowerCase(Locale.ROOT));
        return named != null ? named : graph.stage(reference).map(Stage::index).orElse(-1);
    }

    // ---- accessors --------------------------------------------------------------------------------

    public DockerfileSource source() {
        return source;
    }

    public String file() {
        return tree.file();
    }

    public SyntaxTree tree() {
        return tree;
    }

    public LintConfig config() {
        return config;
    }

    public Platform platform() {
        return graph.platform();
    }

    /** The model the unit reads. */
    public InstructionGraph graph() {
        return graph;
    }

    public ShellExpander expander() {
        return expander;
    }

    public List<InstructionEntry> entries() {
        return graph.entries();
    }

    /** The ARG lines before the first FROM. */
    public List<InstructionEntry> metaArgs() {
        return metaArgs;
    }

    public List<Stage> stages() {
        return graph.stages();
    }

    /** Every stage's dependencies (FROM, COPY --from, RUN --mount from=), stage by stage in file order. */
    public List<StageDependency> references() {
        return references;
    }

    public Stage stageOf(InstructionEntry entry) {
        List<Stage> stages = graph.stages();
        return entry.stage() >= 0 && entry.stage() < stages.size() ? stages.get(entry.stage()) : null;
    }

    /**
     * The variables the base image of {@code stage} defines, following FROM through earlier stages to the
     * image; null when the image is unknown to jbuild. ENV lines of ancestor stages are not included.
     */
    public Set<String> baseImageVariables(Stage stage) {
        Stage root = rootOf(stage);
        return baseImageEnv.namesFor(root.baseName());
    }

    /** The stage at the end of the FROM chain: the one built on an image or scratch. */
    public Stage rootOf(Stage stage) {
        List<Stage> chain = lineage(stage);
        return chain.get(chain.size() - 1);
    }

    /** The stage and its FROM ancestors, nearest first; a FROM naming a later stage ends the chain (a cycle, said elsewhere). */
    public List<Stage> lineage(Stage stage) {
        List<Stage> stages = graph.stages();
        List<Stage> chain = new ArrayList<>();
        Stage current = stage;
        chain.add(current);
        while (current.baseStage() >= 0 && current.baseStage() < current.index()) {
            current = stages.get(current.baseStage());
            chain.add(current);
        }
        return chain;
    }

    /**
     * The stage a build produces: the graph's target ({@code --target} when the build gave one), the last
     * stage otherwise; null for a file without FROM.
     */
    public Stage targetStage() {
        List<Stage> stages = graph.stages();
        if (graph.target() >= 0) {
            return stages.get(graph.target());
        }
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    /** Indexes of the stages the target needs, itself included. */
    public Set<Integer> requiredStages() {
        Stage target = targetStage();
        if (target == null) {
            return Set.of();
        }
        Set<Integer> needed = new TreeSet<>();
        for (Stage stage : graph.stagesNeededBy(target.index())) {
            needed.add(stage.index());
        }
        return Collections.unmodifiableSet(needed);
    }

    /** Indexes of the stages whose filesystem ends up in the final image: the target and its FROM ancestors. */
    public Set<Integer> finalImageStages() {
        Stage target = targetStage();
        if (target == null) {
            return Set.of();
        }
        Set<Integer> out = new TreeSet<>();
        for (Stage s : lineage(target)) {
            out.add(s.index());
        }
        return out;
    }

    /** The SHELL in force for {@code entry}: the last SHELL before it in its stage or its FROM ancestors. */
    public List<String> shellAt(InstructionEntry entry) {
        ImageHistory history = historyOf(entry);
        List<String> shell = history == null ? null : history.shellBefore(entry);
        return shell == null ? DEFAULT_SHELL : shell;
    }

    /** True when a SHELL instruction comes before {@code entry} in its stage or the stages it is built on. */
    public boolean shellSetBefore(InstructionEntry entry) {
        ImageHistory history = historyOf(entry);
        return history != null && history.shellBefore(entry) != null;
    }

    /**
     * The instructions that run before {@code entry} in the image it builds: those of the FROM ancestors, then
     * those of its own stage up to it, in build order. A view of a list kept for the stage: asking costs
     * nothing, walking it costs its length, so a rule that asks for every instruction should ask a question
     * this class answers directly ({@link #definedBefore}, {@link #derived}).
     */
    public List<InstructionEntry> before(InstructionEntry entry) {
        ImageHistory history = historyOf(entry);
        return history == null ? List.of() : history.before(entry);
    }

    /** Every instruction that builds {@code stage}'s image, the FROM ancestors' first, in build order. */
    public List<InstructionEntry> image(Stage stage) {
        return history(stage).sequence();
    }

    private ImageHistory history(Stage stage) {
        ImageHistory history = histories[stage.index()];
        if (history == null) {
            history = new ImageHistory(lineage(stage));
            histories[stage.index()] = history;
        }
        return history;
    }

    /** Where {@code entry} stands among the instructions that build its stage's image ({@link #before}'s length). */
    public int positionInImage(InstructionEntry entry) {
        ImageHistory history = historyOf(entry);
        return history == null ? 0 : history.position(entry);
    }

    /**
     * Whether an ENV or ARG before {@code entry} (in its stage or the stages it is built on) defines {@code name};
     * with {@code withValue}, an ARG counts only when it has a default value.
     */
    public boolean definedBefore(InstructionEntry entry, String name, boolean withValue) {
        ImageHistory history = historyOf(entry);
        return history != null && history.definedBefore(entry, name, withValue);
    }

    /**
     * Whether an instruction before {@code entry} in its image passes {@code test}; {@code key} names the test
     * (the first instruction that passes is found once per key and stage).
     */
    public boolean anyBefore(InstructionEntry entry, String key, java.util.function.Predicate<InstructionEntry> test) {
        ImageHistory history = historyOf(entry);
        return history != null && history.anyBefore(entry, key, test);
    }

    /**
     * What a rule derives once per file (an index over every stage, say) and then reads for each instruction;
     * computed on first use under {@code key}, which should name the rule.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, java.util.function.Supplier<T> compute) {
        Object value = derived.get(key);
        if (value == null) {
            value = compute.get();
            derived.put(key, value);
        }
        return (T) value;
    }

    private ImageHistory historyOf(InstructionEntry entry) {
        Stage stage = stageOf(entry);
        return stage == null ? null : history(stage);
    }

    /** True when RUN lines at {@code entry} go to a POSIX-like shell (not PowerShell or cmd). */
    public boolean posixShellAt(InstructionEntry entry) {
        String program = shellAt(entry).get(0).toLowerCase(Locale.ROOT);
        return !(program.contains("powershell") || program.contains("pwsh") || program.endsWith("cmd") || program.endsWith("cmd.exe"));
    }

    // ---- expansion --------------------------------------------------------------------------------

    /** Global ARG defaults and the automatic platform ARGs, as a build without --build-arg sees them. */
    public Map<String, String> metaDefaults() {
        if (metaDefaults == null) {
            SizedVariables env = new SizedVariables(graph.platform().automaticArgs());
            for (InstructionEntry e : metaArgs) {
                Arg arg = e.as(Arg.class);
                if (arg == null) {
                    continue;
                }
                for (ArgDeclaration d : arg.declarations()) {
                    if (d.defaultValue() != null) {
                        try {
                            env.put(d.name(), expandOr(d.defaultValue(), env.asMap(), d.defaultValue()));
                        } catch (SizedVariables.TooLargeException tooLarge) {
                            // An expansion bomb: the build fails at this line; the lint goes on without its value.
                        }
                    }
                }
            }
            metaDefaults = env.asMap();
        }
        return metaDefaults;
    }

    /** {@code word} expanded against {@code env}, or {@code fallback} when it does not expand. */
    public String expandOr(String word, Map<String, String> env, String fallback) {
        if (word.indexOf('$') < 0 && word.indexOf('\'') < 0 && word.indexOf('"') < 0 && word.indexOf(tree.escape()) < 0) {
            return word;
        }
        try {
            return expander.expandWord(word, env::get).value();
        } catch (ShellExpansionException | IllegalArgumentException e) {
            return fallback;
        }
    }

    // ---- positions --------------------------------------------------------------------------------

    public LineMap lineMap(InstructionEntry entry) {
        LineMap map = lineMaps[entry.index()];
        if (map == null) {
            map = LineMap.of(tree, entry.raw());
            lineMaps[entry.index()] = map;
        }
        return map;
    }

    /** The whole instruction. */
    public SourceRange range(InstructionEntry entry) {
        return entry.raw().range();
    }

    /** A place inside the instruction, with the instruction's last line as end line. */
    public SourceRange range(InstructionEntry entry, Position position) {
        return new SourceRange(tree.file(), position.line(), position.column(), Math.max(position.line(), entry.raw().range().endLine()));
    }

    /** Where {@code text} first occurs in the instruction's logical line after the keyword; the instruction if absent. */
    public SourceRange rangeOf(InstructionEntry entry, String text) {
        String original = entry.raw().original();
        int from = Math.min(entry.raw().keyword().length(), original.length());
        int at = text.isEmpty() ? -1 : original.indexOf(text, from);
        if (at < 0) {
            return range(entry);
        }
        return range(entry, lineMap(entry).position(at));
    }

    /** The shell reading of a RUN line, or null for other instructions and invalid RUN lines. */
    public RunScript runScript(InstructionEntry entry) {
        Run run = entry.as(Run.class);
        if (run == null) {
            return null;
        }
        RunScript script = runScripts[entry.index()];
        if (script == null) {
            script = RunScript.of(run, entry, lineMap(entry));
            runScripts[entry.index()] = script;
        }
        return script;
    }
}
