package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Label;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** MAINTAINER, LABEL, ENV and ARG: what they declare and how it is written. */
final class MetadataChecks implements Check {
    // BuildKit's pattern: a secret word as the whole key or as its first or last "_" part
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
    private static final Pattern NOT_SECRET = Pattern.compile("(?i)(?:_|^)(?:public|file|version)(?:_|$)");
    private static final Pattern LABEL_KEY = Pattern.compile("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$");
    private static final List<String> RESERVED_LABEL_NAMESPACES = List.of("com.docker.", "io.docker.", "org.dockerproject.");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        for (InstructionEntry e : unit.entries()) {
            if (e.is("maintainer")) {
                sink.report(BuildkitRules.MAINTAINER_DEPRECATED, unit.range(e))
                        .alsoKnownAs(HadolintRules.DL4000, unit.range(e));
            }
            Env env = e.as(Env.class);
            if (env != null) {
                if (env.legacy()) {
                    sink.report(BuildkitRules.LEGACY_KEY_VALUE_FORMAT, unit.range(e), e.raw().keyword());
                }
                for (KeyValue pair : env.variables()) {
                    secret(unit, sink, e, "ENV", pair.key());
                }
                sameStatementReference(unit, sink, e, env);
            }
            Label label = e.as(Label.class);
            if (label != null) {
                if (label.legacy()) {
                    sink.report(BuildkitRules.LEGACY_KEY_VALUE_FORMAT, unit.range(e), e.raw().keyword());
                }
                for (KeyValue pair : label.labels()) {
                    labelKey(unit, sink, e, Texts.unquote(pair.key()));
                }
            }
            Arg arg = e.as(Arg.class);
            if (arg != null) {
                // "ARG name value" declares two ARGs, but the writer almost surely meant a default value.
                List<String> words = e.raw().args();
                if (words.size() == 2 && words.stream().noneMatch(w -> w.contains("="))) {
                    sink.report(BuildkitRules.LEGACY_KEY_VALUE_FORMAT, unit.range(e), e.raw().keyword());
                }
                for (ArgDeclaration d : arg.declarations()) {
                    secret(unit, sink, e, "ARG", d.name());
                }
            }
        }
        requiredLabels(unit, sink);
    }

    private static void secret(LintUnit unit, FindingSink sink, InstructionEntry e, String instruction, String key) {
        if (SECRET.matcher(key).find() && !NOT_SECRET.matcher(key).find()) {
            sink.report(BuildkitRules.SECRETS_USED_IN_ARG_OR_ENV, unit.rangeOf(e, key), instruction, key);
        }
    }

    /** DL3044: {@code ENV A=1 B=$A}: within one ENV, values are expanded before any of its keys is set. */
    private static void sameStatementReference(LintUnit unit, FindingSink sink, InstructionEntry e, Env env) {
        if (env.variables().size() < 2 || !sink.wants(HadolintRules.DL3044)) {
            return;
        }
        Set<String> baseImage = baseImageVariables(unit, e);
        Set<String> earlierKeys = new HashSet<>();
        for (KeyValue pair : env.variables()) {
            for (Texts.VariableRef ref : Texts.variableRefs(pair.value())) {
                if (earlierKeys.contains(ref.name()) && !ref.name().equals("PATH") && !baseImage.contains(ref.name())
                        && !unit.definedBefore(e, ref.name(), false)) {
                    sink.report(HadolintRules.DL3044, unit.rangeOf(e, pair.value()), ref.name());
                }
            }
            earlierKeys.add(pair.key());
        }
    }

    /** What the base image of {@code e}'s stage defines (empty when jbuild does not know the image). */
    private static Set<String> baseImageVariables(LintUnit unit, InstructionEntry e) {
        Stage stage = unit.stageOf(e);
        Set<String> base = stage == null ? null : unit.baseImageVariables(stage);
        return base == null ? Set.of() : base;
    }

    private static void labelKey(LintUnit unit, FindingSink sink, InstructionEntry e, String key) {
        if (key.indexOf('$') >= 0) {
            return;
        }
        boolean valid = LABEL_KEY.matcher(key).matches() && !key.contains("..") && !key.contains("--")
                && RESERVED_LABEL_NAMESPACES.stream().noneMatch(key::startsWith);
        if (!valid) {
            sink.report(HadolintRules.DL3048, unit.rangeOf(e, key), key);
        }
    }

    /** DL3049: each configured label must be set somewhere in the final image's stages. */
    private static void requiredLabels(LintUnit unit, FindingSink sink) {
        List<String> required = unit.config().requiredLabels();
        Stage target = unit.targetStage();
        if (required.isEmpty() || target == null) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (Stage s : unit.lineage(target)) {
            for (InstructionEntry e : s.body()) {
                Label label = e.as(Label.class);
                if (label != null) {
                    label.labels().forEach(p -> present.add(Texts.unquote(p.key())));
                }
            }
        }
        for (String name : required) {
            if (!present.contains(name)) {
                sink.report(HadolintRules.DL3049, unit.range(target.fromEntry()), name);
            }
        }
    }
}
