package dev.jbuild.lint.rules;

import dev.jbuild.lint.HadolintRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.lint.shell.ShellCommand;
import dev.jbuild.lint.shell.ShellWord;
import java.util.Locale;
import java.util.Set;

/**
 * apt-get and apt: pinned versions, -y, --no-install-recommends, and the package lists left in the image.
 * A RUN whose lists live on a cache (or tmpfs) mount leaves nothing behind, so it needs no cleanup; and only
 * stages that end up in the final image are asked to clean up at all.
 */
final class AptChecks implements Check {
    private static final Set<String> VALUE_OPTIONS = Set.of("-o", "--option", "-c", "--config-file", "-t",
            "--target-release", "--default-release", "-a", "--host-architecture");
    private static final String LISTS = "/var/lib/apt/lists";

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        Set<Integer> finalStages = unit.finalImageStages();
        Runs.each(unit, (e, script) -> {
            for (RunScript.Located located : script.invocations("apt-get", "apt")) {
                ShellCommand c = located.command();
                if (c.is("apt")) {
                    sink.report(HadolintRules.DL3027, Runs.at(unit, e, located));
                }
                if (Runs.isSubcommand(c, VALUE_OPTIONS, "install")) {
                    install(unit, sink, e, located);
                }
            }
            if (finalStages.contains(e.stage()) && updates(script) && !Runs.removes(script, LISTS) && !script.mountCovers(LISTS)) {
                RunScript.Located update = script.invocations("apt-get", "apt").stream()
                        .filter(l -> Runs.isSubcommand(l.command(), VALUE_OPTIONS, "update")).findFirst().orElseThrow();
                sink.report(HadolintRules.DL3009, Runs.at(unit, e, update));
            }
        });
    }

    private static boolean updates(RunScript script) {
        return script.invocations("apt-get", "apt").stream().anyMatch(l -> Runs.isSubcommand(l.command(), VALUE_OPTIONS, "update"));
    }

    private static void install(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript.Located located) {
        ShellCommand c = located.command();
        for (ShellWord p : c.operands(VALUE_OPTIONS)) {
            String pkg = p.text();
            if (!p.expands() && !pkg.contains("=") && !pkg.contains("/") && !pkg.endsWith(".deb")) {
                sink.report(HadolintRules.DL3008, Runs.at(unit, e, located, p), pkg);
                break;
            }
        }
        if (!assumesYes(c)) {
            sink.report(HadolintRules.DL3014, Runs.at(unit, e, located), "install");
        }
        if (!c.hasFlag("--no-install-recommends") && !optionSays(c, "install-recommends=false", "install-recommends=0")
                && !configuredBefore(unit, e)) {
            sink.report(HadolintRules.DL3015, Runs.at(unit, e, located));
        }
    }

    private static boolean assumesYes(ShellCommand c) {
        if (c.hasShortFlag('y') || c.hasFlag("--yes", "--assume-yes", "--force-yes", "-q=2", "--quiet=2")
                || optionSays(c, "assume-yes=true", "assume-yes=1")) {
            return true;
        }
        int quiet = 0;
        for (ShellWord w : c.args()) {
            if (w.text().matches("-q+")) {
                quiet += w.text().length() - 1;
            } else if (w.text().equals("--quiet")) {
                quiet++;
            }
        }
        return quiet >= 2; // -qq implies -y
    }

    /** An {@code -o APT::...=value} option saying one of {@code settings} (compared in lower case). */
    private static boolean optionSays(ShellCommand c, String... settings) {
        for (ShellWord w : c.args()) {
            String t = w.text().toLowerCase(Locale.ROOT).replace(" ", "");
            for (String s : settings) {
                if (t.endsWith(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An earlier RUN of the image wrote an apt setting for recommends (apt.conf.d), which applies to this one too. */
    private static boolean configuredBefore(LintUnit unit, InstructionEntry e) {
        return unit.anyBefore(e, "AptChecks.recommendsConfigured",
                before -> before.is("run") && before.raw().original().toLowerCase(Locale.ROOT).contains("install-recommends"));
    }
}
