package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.JbuildRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.Position;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Label;
import dev.jbuild.parser.instructions.Stopsignal;
import dev.jbuild.parser.instructions.User;
import dev.jbuild.parser.instructions.Volume;
import dev.jbuild.parser.instructions.Workdir;
import dev.jbuild.parser.shell.ExpansionLimits;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.VariableLookup;
import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.platform.EditDistance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UndefinedVar and ArgUsedBeforeDeclaration. Each stage is replayed in order the way BuildKit dispatches it:
 * the environment starts with the base image's (or the parent stage's), ENV adds to it, ARG declares build
 * arguments, and every word BuildKit expands (not RUN, CMD or ENTRYPOINT, which the shell expands) is
 * checked for names that are not set.
 *
 * <p>BuildKit knows the base image's environment because it pulls the config. Offline, jbuild knows the
 * variables of the common official images; on an unknown image, an all-upper-case name might come from the
 * image, so it is reported only when it looks like a typo of a defined name.
 */
final class VariableChecks implements Check {
    /** BuildKit's names that never count as undefined. */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");
    /** BuildKit expands COPY/ADD heredoc bodies with quotes left alone and '\\' as escape. */
    private static final ShellExpander HEREDOC_EXPANDER = new ShellExpander('\\').withSkipProcessQuotes(true);
    /** ARGs every RUN gets without declaring them. */
    private static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        boolean undefinedVar = sink.wants(BuildkitRules.UNDEFINED_VAR);
        boolean argOrder = sink.wants(JbuildRules.ARG_USED_BEFORE_DECLARATION);
        if (!undefinedVar && !argOrder) {
            return;
        }
        Map<Integer, Map<String, String>> finalEnv = new HashMap<>();
        Map<String, InstructionEntry> metaArgLines = new HashMap<>();
        for (InstructionEntry e : unit.metaArgs()) {
            Arg arg = e.as(Arg.class);
            if (arg != null) {
                arg.declarations().forEach(d -> metaArgLines.putIfAbsent(d.name(), e));
            }
        }
        for (Stage stage : unit.stages()) {
            new StageReplay(unit, sink, stage, metaArgLines, finalEnv).run();
        }
    }

    private static final class StageReplay {
        private final LintUnit unit;
        private final FindingSink sink;
        private final Stage stage;
        private final Map<String, InstructionEntry> metaArgLines;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> args = new LinkedHashMap<>();
        private final boolean baseKnown;
        /** The environment at the end of each stage replayed so far, for stages built on it. */
        private final Map<Integer, Map<String, String>> finalEnv;
        /** The characters of the values in {@code env} and {@code args}, kept under ExpansionLimits.MAX_ENVIRONMENT. */
        private long size;

        StageReplay(LintUnit unit, FindingSink sink, Stage stage, Map<String, InstructionEntry> metaArgLines,
                Map<Integer, Map<String, String>> finalEnv) {
            this.finalEnv = finalEnv;
            this.unit = unit;
            this.sink = sink;
            this.stage = stage;
            this.metaArgLines = metaArgLines;
            Set<String> base = unit.baseImageVariables(stage);
            this.baseKnown = base != null;
            if (stage.baseStage() >= 0 && finalEnv.containsKey(stage.baseStage())) {
                env.putAll(finalEnv.get(stage.baseStage()));
            } else if (base != null) {
                base.forEach(name -> env.put(name, ""));
            }
            env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }

        void run() {
            for (InstructionEntry e : stage.body()) {
                if (e.as(Arg.class) != null) {
                    arg(e, e.as(Arg.class));
                } else if (e.as(Env.class) != null) {
                    Env instruction = e.as(Env.class);
                    List<String> values = new ArrayList<>();
                    for (KeyValue pair : instruction.variables()) {
                        values.add(check(e, pair.value(), unit.expander()));
                    }
                    for (int i = 0; i < values.size(); i++) {
                        remember(env, instruction.variables().get(i).key(), values.get(i));
                    }
                } else {
                    for (String word : expandedWords(e)) {
                        check(e, word, unit.expander());
                    }
                    for (Heredoc heredoc : expandedHeredocs(e)) {
                        check(e, heredoc.content(), HEREDOC_EXPANDER);
                    }
                    RunScript script = unit.runScript(e);
                    if (script != null && unit.posixShellAt(e)) {
                        argOrder(e, script);
                    }
                }
            }
            finalEnv.put(stage.index(), env);
        }

        private void arg(InstructionEntry e, Arg arg) {
            for (ArgDeclaration d : arg.declarations()) {
                String value = d.defaultValue() == null ? null : check(e, d.defaultValue(), unit.expander());
                if (value == null && d.defaultValue() == null && metaArgLines.containsKey(d.name())) {
                    value = unit.metaDefaults().get(d.name()); // a global ARG declared again keeps its value
                }
                remember(args, d.name(), value);
            }
        }

        /**
         * Sets a variable, unless that takes the stage's variables past what a build accepts (an expansion bomb):
         * the build stops there with an error, and the lint keeps the unexpanded text, which is what it reports on.
         */
        private void remember(Map<String, String> variables, String name, String value) {
            String old = variables.get(name);
            long next = size - (old == null ? 0 : old.length()) + (value == null ? 0 : value.length());
            if (ExpansionLimits.environmentTooLarge(next) == null) {
                variables.put(name, value);
                size = next;
            } else {
                variables.put(name, "");
                size -= old == null ? 0 : old.length();
            }
        }

        /** Expands {@code word}, reports the names that are not set, and returns the value (or the word). */
        private String check(InstructionEntry e, String word, ShellExpander expander) {
            if (word.indexOf('$') < 0) {
                return word;
            }
            VariableLookup visible = name -> {
                String arg = args.get(name);
                return arg != null ? arg : env.get(name);
            };
            dev.jbuild.parser.shell.TrackedExpansion expansion;
            try {
                expansion = expander.expandWordTracked(word, visible);
            } catch (ShellExpansionException | IllegalArgumentException invalid) {
                return word;
            }
            Set<String> reported = new LinkedHashSet<>();
            for (String name : expansion.unmatched()) {
                if (args.containsKey(name) || NON_ENV_ARGS.contains(name) || !reported.add(name)) {
                    continue;
                }
                Set<String> options = new LinkedHashSet<>(env.keySet());
                options.addAll(args.keySet());
                String suggestion = EditDistance.closest(name, options);
                if (!baseKnown && Texts.isUpper(name) && suggestion == null) {
                    continue; // may well come from the unknown base image
                }
                sink.report(BuildkitRules.UNDEFINED_VAR, position(e, name), name,
                        suggestion == null ? "" : " (did you mean $" + suggestion + "?)");
            }
            return expansion.value();
        }

        private dev.jbuild.parser.syntax.SourceRange position(InstructionEntry e, String name) {
            String original = e.raw().original();
            for (String form : List.of("${" + name, "$" + name)) {
                int at = original.indexOf(form);
                if (at >= 0) {
                    return unit.range(e, unit.lineMap(e).position(at));
                }
            }
            return unit.range(e);
        }

        /** ArgUsedBeforeDeclaration: a RUN script using a build argument its stage has not declared yet. */
        private void argOrder(InstructionEntry e, RunScript script) {
            if (!sink.wants(JbuildRules.ARG_USED_BEFORE_DECLARATION)) {
                return;
            }
            Set<String> assigned = script.assignedNames();
            Set<String> reported = new LinkedHashSet<>();
            for (RunScript.Part part : script.parts()) {
                for (Texts.VariableRef ref : Texts.variableRefs(part.script().text())) {
                    String name = ref.name();
                    if (env.containsKey(name) || args.containsKey(name) || assigned.contains(name)
                            || PROXY_ARGS.contains(name) || reported.contains(name)) {
                        continue;
                    }
                    String reason = null;
                    String fix = null;
                    InstructionEntry later = laterArg(e, name);
                    if (later != null) {
                        reason = "declared by ARG only later in this stage (line " + later.raw().range().startLine() + ")";
                        fix = "move 'ARG " + name + "' above this RUN";
                    } else if (metaArgLines.containsKey(name)) {
                        reason = "a global ARG (line " + metaArgLines.get(name).raw().range().startLine()
                                + ") that this stage does not declare, so it is empty here";
                        fix = "add 'ARG " + name + "' to the stage before this RUN";
                    }
                    if (reason != null) {
                        reported.add(name);
                        Position at = part.position().apply(ref.offset());
                        sink.report(JbuildRules.ARG_USED_BEFORE_DECLARATION, unit.range(e, at), name, reason, fix);
                    }
                }
            }
        }

        private InstructionEntry laterArg(InstructionEntry e, String name) {
            for (InstructionEntry later : stage.body()) {
                Arg arg = later.as(Arg.class);
                if (later.index() > e.index() && arg != null && arg.declarations().stream().anyMatch(d -> d.name().equals(name))) {
                    return later;
                }
            }
            return null;
        }
    }

    /** The words BuildKit expands for each instruction, as its {@code Expand} methods do. */
    private static List<String> expandedWords(InstructionEntry e) {
        List<String> words = new ArrayList<>();
        if (e.typed() instanceof Copy c) {
            words.addAll(c.sources());
            words.add(c.destination());
            addIfSet(words, c.chown());
            addIfSet(words, c.chmod());
        } else if (e.typed() instanceof Add a) {
            words.addAll(a.sources());
            words.add(a.destination());
            addIfSet(words, a.chown());
            addIfSet(words, a.chmod());
            addIfSet(words, a.checksum());
        } else if (e.typed() instanceof Label l) {
            for (KeyValue pair : l.labels()) {
                words.add(pair.key());
                words.add(pair.value());
            }
        } else if (e.typed() instanceof Workdir w) {
            words.add(w.path());
        } else if (e.typed() instanceof User u) {
            words.add(u.user());
        } else if (e.typed() instanceof Stopsignal s) {
            words.add(s.signal());
        } else if (e.typed() instanceof Volume v) {
            words.addAll(v.paths());
        }
        return words;
    }

    private static List<Heredoc> expandedHeredocs(InstructionEntry e) {
        List<Heredoc> heredocs = e.typed() instanceof Copy c ? c.heredocs() : e.typed() instanceof Add a ? a.heredocs() : List.of();
        return heredocs.stream().filter(Heredoc::expand).toList();
    }

    private static void addIfSet(List<String> words, String value) {
        if (value != null) {
            words.add(value);
        }
    }
}
