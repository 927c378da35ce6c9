package dev.jbuild.lint.rules;

import dev.jbuild.imagespec.Platform;
import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.lint.model.ImageReference;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.From;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.TrackedExpansion;
import dev.jbuild.platform.EditDistance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What each FROM line says: stage names, the base image, the platform, and the descriptions above. */
final class StageChecks implements Check {
    private static final Set<String> RESERVED_NAMES = Set.of("context", "scratch");
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com");
    private static final Pattern DIRECTIVE_COMMENT = Pattern.compile("(?i)^(syntax|escape|check)\\s*=.*");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        Set<String> seen = new HashSet<>();
        Set<String> declaredMeta = declaredMetaArgs(unit);
        for (Stage stage : unit.stages()) {
            InstructionEntry e = stage.fromEntry();
            From from = stage.from();
            if (from == null) {
                continue;
            }
            if (stage.name() != null) {
                if (RESERVED_NAMES.contains(stage.name())) {
                    sink.report(BuildkitRules.RESERVED_STAGE_NAME, unit.range(e), stage.name());
                }
                if (!seen.add(stage.name())) {
                    sink.report(BuildkitRules.DUPLICATE_STAGE_NAME, unit.range(e), stage.name());
                }
                description(unit, sink, e, "FROM", List.of(stage.name()));
            }
            undeclaredArgs(unit, sink, e, from.image(), declaredMeta);
            if (from.platform() != null) {
                undeclaredArgs(unit, sink, e, from.platform(), declaredMeta);
                platform(unit, sink, stage);
            }
            baseImage(unit, sink, stage);
        }
        for (InstructionEntry e : unit.entries()) {
            Arg arg = e.as(Arg.class);
            if (arg != null) {
                description(unit, sink, e, "ARG", arg.declarations().stream().map(ArgDeclaration::name).toList());
            }
        }
    }

    /** Names FROM may use: the global ARGs, declared with a default or not, and the automatic platform ARGs. */
    private static Set<String> declaredMetaArgs(LintUnit unit) {
        Set<String> names = new LinkedHashSet<>(unit.platform().automaticArgs().keySet());
        for (InstructionEntry e : unit.metaArgs()) {
            Arg arg = e.as(Arg.class);
            if (arg != null) {
                arg.declarations().forEach(d -> names.add(d.name()));
            }
        }
        return names;
    }

    private static TrackedExpansion expand(LintUnit unit, String word) {
        try {
            return unit.expander().expandWordTracked(word, unit.metaDefaults()::get);
        } catch (ShellExpansionException e) {
            return null;
        }
    }

    private static void undeclaredArgs(LintUnit unit, FindingSink sink, InstructionEntry e, String word, Set<String> declared) {
        if (word.indexOf('$') < 0) {
            return;
        }
        TrackedExpansion expansion = expand(unit, word);
        if (expansion == null) {
            return;
        }
        for (String name : expansion.unmatched()) {
            if (!declared.contains(name)) {
                String suggestion = EditDistance.closest(name, declared);
                sink.report(BuildkitRules.UNDEFINED_ARG_IN_FROM, unit.rangeOf(e, name), name,
                        suggestion == null ? "" : " (did you mean " + suggestion + "?)");
            }
        }
    }

    private static void platform(LintUnit unit, FindingSink sink, Stage stage) {
        InstructionEntry e = stage.fromEntry();
        String raw = stage.from().platform();
        TrackedExpansion expansion = expand(unit, raw);
        if (expansion == null) {
            return;
        }
        if (expansion.matched().equals(Set.of("TARGETPLATFORM")) && expansion.unmatched().isEmpty()
                && expansion.value().equals(unit.metaDefaults().get("TARGETPLATFORM"))) {
            sink.report(BuildkitRules.REDUNDANT_TARGET_PLATFORM, unit.range(e), raw);
        }
        if (!expansion.matched().isEmpty() || !expansion.unmatched().isEmpty()) {
            return;
        }
        Platform platform;
        try {
            platform = Platform.parse(expansion.value());
        } catch (IllegalArgumentException notAPlatform) {
            return;
        }
        String name = stage.name() == null ? "" : stage.name();
        if (!name.contains(platform.os()) && !name.contains(platform.architecture())) {
            sink.report(BuildkitRules.FROM_PLATFORM_FLAG_CONST_DISALLOWED, unit.range(e), expansion.value());
        }
        if (stage.baseStage() >= 0) {
            From base = unit.stages().get(stage.baseStage()).from();
            if (base != null && base.platform() != null && base.platform().indexOf('$') < 0) {
                try {
                    Platform actual = Platform.parse(base.platform());
                    if (!actual.os().equals(platform.os()) || !actual.architecture().equals(platform.architecture())) {
                        sink.report(BuildkitRules.INVALID_BASE_IMAGE_PLATFORM, unit.range(e), stage.baseName(), actual, platform);
                    }
                } catch (IllegalArgumentException ignored) {
                    // not a platform: BuildKit fails on it later, nothing to compare
                }
            }
        }
    }

    private static void baseImage(LintUnit unit, FindingSink sink, Stage stage) {
        InstructionEntry e = stage.fromEntry();
        String image = stage.from().image();
        TrackedExpansion expansion = image.indexOf('$') < 0 ? null : expand(unit, image);
        String resolved = expansion == null ? image : expansion.value();
        if (expansion != null && (resolved.isEmpty() || ImageReference.parse(resolved).isEmpty())) {
            sink.report(BuildkitRules.INVALID_DEFAULT_ARG_IN_FROM, unit.range(e), image);
        }
        if (stage.baseStage() >= 0 || image.equals("scratch") || image.indexOf('$') >= 0) {
            return;
        }
        ImageReference.parse(image).ifPresent(ref -> {
            if (ref.tag() == null && ref.digest() == null) {
                sink.report(HadolintRules.DL3006, unit.range(e), image);
            } else if ("latest".equals(ref.tag()) && ref.digest() == null) {
                sink.report(HadolintRules.DL3007, unit.range(e), image);
            }
            List<String> trusted = unit.config().trustedRegistries();
            if (!trusted.isEmpty() && !trustedRegistry(ref.registry(), trusted)) {
                sink.report(HadolintRules.DL3026, unit.range(e), image, ref.registry());
            }
        });
    }

    private static boolean trustedRegistry(String registry, List<String> trusted) {
        for (String t : trusted) {
            if (t.equals(registry) || DOCKER_HUB.contains(t) && DOCKER_HUB.contains(registry)) {
                return true;
            }
        }
        return false;
    }

    /**
     * InvalidDefinitionDescription: the comment right above FROM ... AS name or ARG must start with the name.
     * Parser directives at the top of the file are not descriptions.
     */
    private static void description(LintUnit unit, FindingSink sink, InstructionEntry e, String instruction, List<String> names) {
        List<String> comments = new ArrayList<>();
        for (String c : dev.jbuild.lint.model.LeadingComments.of(unit.tree(), e.raw())) {
            if (!DIRECTIVE_COMMENT.matcher(c).matches()) {
                comments.add(c);
            }
        }
        if (comments.isEmpty() || names.isEmpty()) {
            return;
        }
        String first = comments.get(comments.size() - 1).split(" ", -1)[0];
        if (!names.contains(first)) {
            sink.report(BuildkitRules.INVALID_DEFINITION_DESCRIPTION, unit.range(e), instruction,
                    names.size() == 1 ? names.get(0) : "<arg_key>");
        }
    }
}
