package dev.jbuild.lint.model;

import dev.jbuild.imagespec.Platform;
import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.From;
import dev.jbuild.parser.instructions.InstructionParser;
import dev.jbuild.parser.instructions.Mount;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.SizedVariables;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One parsed Dockerfile with everything rules ask about: each instruction (typed when valid), the stages,
 * the global ARGs, the references between stages, and lazily the shell reading of RUN lines. Built once per
 * file; rules only read it.
 */
public final class LintUnit {
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private final DockerfileSource source;
    private final SyntaxTree tree;
    private final LintConfig config;
    private final BaseImageEnv baseImageEnv;
    private final Platform platform;
    private final ShellExpander expander;
    private final List<InstructionEntry> entries;
    private final List<InstructionEntry> metaArgs;
    private final List<LintStage> stages;
    private final List<StageReference> references;
    /** Each stage's outgoing references, by the stage's index: graph walks ask for them stage by stage. */
    private final List<List<StageReference>> referencesFrom;
    /** Each AS name (lower case) and the first stage that has it. */
    private final Map<String, Integer> stageNames = new HashMap<>();
    /** By entry index, made on first use; arrays rather than maps, as they are asked for every instruction. */
    private final LineMap[] lineMaps;
    private final RunScript[] runScripts;
    /** By stage index, made on first use. */
    private ImageHistory[] histories;
    private final Map<String, Object> derived = new HashMap<>();
    private Map<String, String> metaDefaults;

    public LintUnit(DockerfileSource source, SyntaxTree tree, LintConfig config, BaseImageEnv baseImageEnv, Platform platform) {
        this.source = source;
        this.tree = tree;
        this.config = config;
        this.baseImageEnv = baseImageEnv;
        this.platform = platform;
        this.expander = new ShellExpander(tree.escape());
        this.entries = parseEntries(tree);
        this.lineMaps = new LineMap[entries.size()];
        this.runScripts = new RunScript[entries.size()];
        this.metaArgs = entries.stream().filter(e -> e.stage() < 0 && e.is("arg")).toList();
        this.stages = buildStages();
        for (LintStage stage : stages) {
            if (stage.name() != null) {
                stageNames.putIfAbsent(stage.name(), stage.index());
            }
        }
        this.references = buildReferences();
        List<List<StageReference>> from = new ArrayList<>(stages.size());
        stages.forEach(stage -> from.add(new ArrayList<>()));
        references.forEach(r -> from.get(r.from()).add(r));
        this.referencesFrom = from.stream().map(List::copyOf).toList();
    }

    private static List<InstructionEntry> parseEntries(SyntaxTree tree) {
        List<InstructionEntry> list = new ArrayList<>();
        int stage = -1;
        for (RawInstruction raw : tree.instructions()) {
            if (raw.is("from")) {
                stage++;
            }
            try {
                list.add(new InstructionEntry(list.size(), raw, InstructionParser.parse(raw, tree), null, stage));
            } catch (DockerfileSyntaxException e) {
                list.add(new InstructionEntry(list.size(), raw, null, e, stage));
            } catch (RuntimeException e) {
                // The parser's contract is DockerfileSyntaxException; anything else is its bug, reported as one finding.
                list.add(new InstructionEntry(list.size(), raw, null, new DockerfileSyntaxException(
                        "cannot parse instruction: " + e, raw.range(), tree.sourceLine(raw.range().startLine())), stage));
            }
        }
        return List.copyOf(list);
    }

    private List<LintStage> buildStages() {
        List<LintStage> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        List<InstructionEntry> body = null;
        InstructionEntry fromEntry = null;
        for (InstructionEntry e : entries) {
            if (e.is("from")) {
                if (fromEntry != null) {
                    out.add(stage(out.size(), fromEntry, body, names));
                }
                fromEntry = e;
                body = new ArrayList<>();
            } else if (fromEntry != null) {
                body.add(e);
            }
        }
        if (fromEntry != null) {
            out.add(stage(out.size(), fromEntry, body, names));
        }
        return List.copyOf(out);
    }

    private LintStage stage(int index, InstructionEntry fromEntry, List<InstructionEntry> body, Map<String, Integer> names) {
        From from = fromEntry.as(From.class);
        String name = from != null ? from.stageName() : null;
        String image = from != null ? from.image() : "";
        String baseName = expandOr(image, metaDefaults(), image);
        Integer base = names.get(baseName.toLowerCase(Locale.ROOT));
        if (name != null) {
            names.putIfAbsent(name, index);
        }
        return new LintStage(index, fromEntry, from, name, body, baseName, base == null ? -1 : base);
    }

    private List<StageReference> buildReferences() {
        List<StageReference> out = new ArrayList<>();
        for (LintStage stage : stages) {
            if (stage.baseStage() >= 0) {
                out.add(new StageReference(StageReference.Kind.FROM, stage.index(), stage.baseName(), stage.baseStage(), stage.fromEntry()));
            }
            for (InstructionEntry e : stage.body()) {
                Copy copy = e.as(Copy.class);
                if (copy != null && copy.from() != null) {
                    String ref = expandOr(copy.from(), metaDefaults(), copy.from());
                    out.add(new StageReference(StageReference.Kind.COPY_FROM, stage.index(), ref, stageNamed(ref), e));
                }
                Run run = e.as(Run.class);
                if (run != null) {
                    for (Mount mount : run.mounts()) {
                        String from = mount instanceof Mount.Bind b ? b.from() : mount instanceof Mount.Cache c ? c.from() : null;
                        if (from != null) {
                            out.add(new StageReference(StageReference.Kind.MOUNT_FROM, stage.index(), from, stageNamed(from), e));
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The stage a {@code --from} value names (an AS name, any case, or an index), or -1. */
    public int stageNamed(String reference) {
        String wanted = reference.toLowerCase(Locale.ROOT);
        Integer named = stageNames.get(wanted);
        if (named != null) {
            return named;
        }
        if (wanted.matches("\\d{1,9}")) {
            int index = Integer.parseInt(wanted);
            if (index < stages.size()) {
                return index;
            }
        }
        return -1;
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
        return platform;
    }

    public ShellExpander expander() {
        return expander;
    }

    public List<InstructionEntry> entries() {
        return entries;
    }

    /** The ARG lines before the first FROM. */
    public List<InstructionEntry> metaArgs() {
        return metaArgs;
    }

    public List<LintStage> stages() {
        return stages;
    }

    public List<StageReference> references() {
        return references;
    }

    /** The references written in stage {@code index}, in file order. */
    public List<StageReference> referencesFrom(int index) {
        return index >= 0 && index < referencesFrom.size() ? referencesFrom.get(index) : List.of();
    }

    public LintStage stageOf(InstructionEntry entry) {
        return entry.stage() >= 0 && entry.stage() < stages.size() ? stages.get(entry.stage()) : null;
    }

    /**
     * The variables the base image of {@code stage} defines, following FROM through earlier stages to the
     * image; null when the image is unknown to jbuild. ENV lines of ancestor stages are not included.
     */
    public Set<String> baseImageVariables(LintStage stage) {
        LintStage root = rootOf(stage);
        return baseImageEnv.namesFor(root.baseName());
    }

    /** The stage at the end of the FROM chain: the one built on an image or scratch. */
    public LintStage rootOf(LintStage stage) {
        LintStage current = stage;
        for (int guard = 0; guard < stages.size() && current.baseStage() >= 0 && current.baseStage() < current.index(); guard++) {
            current = stages.get(current.baseStage());
        }
        return current;
    }

    /** The stage and its FROM ancestors, nearest first. */
    public List<LintStage> lineage(LintStage stage) {
        List<LintStage> chain = new ArrayList<>();
        LintStage current = stage;
        chain.add(current);
        for (int guard = 0; guard < stages.size() && current.baseStage() >= 0 && current.baseStage() < current.index(); guard++) {
            current = stages.get(current.baseStage());
            chain.add(current);
        }
        return chain;
    }

    /** The last stage: what a build without --target produces, or null for a file without FROM. */
    public LintStage targetStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    /** Indexes of the stages the default target needs, itself included. */
    public Set<Integer> requiredStages() {
        if (stages.isEmpty()) {
            return Set.of();
        }
        Set<Integer> needed = new TreeSet<>();
        Deque<Integer> work = new ArrayDeque<>(List.of(stages.size() - 1));
        while (!work.isEmpty()) {
            int index = work.pop();
            if (needed.add(index)) {
                for (StageReference r : referencesFrom(index)) {
                    if (r.namesStage()) {
                        work.push(r.target());
                    }
                }
            }
        }
        return Collections.unmodifiableSet(needed);
    }

    /** Indexes of the stages whose filesystem ends up in the final image: the target and its FROM ancestors. */
    public Set<Integer> finalImageStages() {
        LintStage target = targetStage();
        if (target == null) {
            return Set.of();
        }
        Set<Integer> out = new TreeSet<>();
        for (LintStage s : lineage(target)) {
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
    public List<InstructionEntry> image(LintStage stage) {
        return history(stage).sequence();
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
        LintStage stage = stageOf(entry);
        return stage == null ? null : history(stage);
    }

    private ImageHistory history(LintStage stage) {
        if (histories == null) {
            histories = new ImageHistory[stages.size()];
        }
        ImageHistory history = histories[stage.index()];
        if (history == null) {
            history = new ImageHistory(lineage(stage));
            histories[stage.index()] = history;
        }
        return history;
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
            SizedVariables env = new SizedVariables(platform.automaticArgs());
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
