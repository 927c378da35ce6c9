package dev.jbuild.lint.rules;

import dev.jbuild.lint.HadolintRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.lint.shell.ShellCommand;
import dev.jbuild.lint.shell.ShellWord;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Package managers other than apt: apk, pip, npm, yarn, gem, go, yum, dnf and zypper. Each wants pinned
 * versions, no interactive prompts, and no package cache left in the layer (a cache mount counts as clean).
 */
final class PackageChecks implements Check {
    private static final Set<String> APK_VALUES = Set.of("-X", "--repository", "-t", "--virtual", "-p", "--root",
            "--arch", "--keys-dir", "--cache-dir", "--repositories-file");
    private static final Set<String> PIP_VALUES = Set.of("-r", "--requirement", "-c", "--constraint", "-e", "--editable",
            "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
            "--trusted-host", "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy",
            "--progress-bar", "--cache-dir", "--log", "--proxy", "--retries", "--timeout", "--exists-action", "--cert",
            "--client-cert", "--global-option", "--install-option", "--config-settings", "-C", "--only-binary",
            "--no-binary", "--report");
    private static final Set<String> NPM_VALUES = Set.of("--prefix", "--registry", "--tag", "--cache", "-w", "--workspace",
            "--save-prefix", "--userconfig", "--loglevel");
    private static final Set<String> NPM_INSTALL = Set.of("install", "i", "in", "ins", "inst", "insta", "instal", "isnt",
            "isnta", "isntal", "isntall", "add");
    private static final Set<String> GEM_VALUES = Set.of("-v", "--version", "-i", "--install-dir", "-n", "--bindir",
            "--source", "-s", "-P", "--trust-policy", "--platform");
    private static final Set<String> GO_VALUES = Set.of("-o", "-tags", "-ldflags", "-gcflags", "-asmflags", "-mod",
            "-modfile", "-p", "-pkgdir", "-toolexec", "-overlay", "-C", "-buildmode", "-compiler", "-installsuffix");
    private static final Set<String> RPM_VALUES = Set.of("-c", "--config", "--installroot", "--enablerepo", "--disablerepo",
            "-R", "-d", "-e", "--setopt", "--releasever", "-x", "--exclude", "--repo", "--repofrom", "--nodocs-x");
    private static final Set<String> ZYPPER_VALUES = Set.of("--root", "-R", "--reposd-dir", "-D", "--cache-dir", "-C",
            "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "--config", "-c", "-r", "--repo", "-t", "--type");
    private static final Set<String> ZYPPER_NEED_CONFIRM = Set.of("install", "in", "remove", "rm", "source-install", "si",
            "patch", "update", "up", "dist-upgrade", "dup");
    private static final Pattern PIP_PROGRAM = Pattern.compile("pip[0-9.]*");
    private static final Pattern PYTHON_PROGRAM = Pattern.compile("python[0-9.]*");
    private static final Pattern RPM_VERSIONED = Pattern.compile(".*-[0-9].*");
    private static final List<String> PIP_PINS = List.of("==", ">=", "<=", "~=", "!=", ">", "<", "@");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        Runs.each(unit, (e, script) -> {
            apk(unit, sink, e, script);
            pip(unit, sink, e, script);
            npmAndYarn(unit, sink, e, script);
            gemAndGo(unit, sink, e, script);
            rpm(unit, sink, e, script);
            zypper(unit, sink, e, script);
        });
    }

    private static void apk(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        for (RunScript.Located l : script.invocations("apk")) {
            ShellCommand c = l.command();
            if (!Runs.isSubcommand(c, APK_VALUES, "add")) {
                continue;
            }
            firstUnpinned(c.operands(APK_VALUES), w -> w.contains("=") || w.contains("~") || w.contains("<") || w.contains(">")
                    || w.endsWith(".apk") || w.contains("/"))
                    .ifPresent(w -> sink.report(HadolintRules.DL3018, Runs.at(unit, e, l, w), w.text()));
            if (!c.hasFlag("--no-cache") && !script.mountCovers("/var/cache/apk") && !script.mountCovers("/etc/apk/cache")) {
                sink.report(HadolintRules.DL3019, Runs.at(unit, e, l));
            }
        }
    }

    private static void pip(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        for (RunScript.Located l : script.commands()) {
            ShellCommand c = asPip(l.command().unwrapped());
            if (c == null || !Runs.isSubcommand(c, PIP_VALUES, "install")) {
                continue;
            }
            RunScript.Located located = new RunScript.Located(c, l.part());
            firstUnpinned(c.operands(PIP_VALUES), w -> PIP_PINS.stream().anyMatch(w::contains) || w.contains("/")
                    || w.equals(".") || w.endsWith(".whl") || w.endsWith(".tar.gz") || w.endsWith(".zip") || w.startsWith("git+"))
                    .ifPresent(w -> sink.report(HadolintRules.DL3013, Runs.at(unit, e, located, w), w.text()));
            boolean noCache = c.hasFlag("--no-cache-dir") || script.mountCovers("/root/.cache/pip")
                    || l.command().assignments().stream().anyMatch(a -> a.text().startsWith("PIP_NO_CACHE_DIR="))
                    || definesBefore(unit, e, "PIP_NO_CACHE_DIR");
            if (!noCache) {
                sink.report(HadolintRules.DL3042, Runs.at(unit, e, located));
            }
        }
    }

    /** {@code pip3 ...} as is, and {@code python3 -m pip ...} as if it were {@code pip ...}; null otherwise. */
    private static ShellCommand asPip(ShellCommand c) {
        if (PIP_PROGRAM.matcher(c.name()).matches()) {
            return c;
        }
        List<ShellWord> words = c.words();
        if (PYTHON_PROGRAM.matcher(c.name()).matches() && words.size() > 2 && words.get(1).text().equals("-m")
                && PIP_PROGRAM.matcher(words.get(2).text()).matches()) {
            return new ShellCommand(c.assignments(), words.subList(2, words.size()), c.depth(), c.piped(), c.heredocs());
        }
        return null;
    }

    private static void npmAndYarn(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        for (RunScript.Located l : script.invocations("npm")) {
            ShellCommand c = l.command();
            if (!NPM_INSTALL.contains(c.subcommand(NPM_VALUES))) {
                continue;
            }
            firstUnpinned(c.operands(NPM_VALUES), w -> w.lastIndexOf('@') > 0 || w.contains("://") || w.startsWith("git")
                    || w.startsWith("file:") || w.startsWith(".") || w.startsWith("/") || w.startsWith("~")
                    || w.endsWith(".tgz") || w.endsWith(".tar.gz") || w.contains("/") && !w.startsWith("@"))
                    .ifPresent(w -> sink.report(HadolintRules.DL3016, Runs.at(unit, e, l, w), w.text()));
        }
        boolean cleaned = Runs.runs(script, "yarn", Set.of(), "cache", "clean") || yarnCacheMounted(script);
        for (RunScript.Located l : script.invocations("yarn")) {
            ShellCommand c = l.command();
            String sub = c.subcommand(Set.of("--cwd", "--modules-folder", "--cache-folder"));
            if ((sub.isEmpty() || sub.equals("install")) && !cleaned && !c.hasFlag("--cache-folder")) {
                sink.report(HadolintRules.DL3060, Runs.at(unit, e, l));
            }
        }
    }

    private static boolean yarnCacheMounted(RunScript script) {
        return script.run().mounts().stream().anyMatch(m -> m.target() != null && m.target().contains("yarn"))
                || script.mountCovers("/usr/local/share/.cache/yarn") || script.mountCovers("/root/.cache/yarn");
    }

    private static void gemAndGo(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        for (RunScript.Located l : script.invocations("gem")) {
            ShellCommand c = l.command();
            if (Runs.isSubcommand(c, GEM_VALUES, "install", "i") && !c.hasFlag("-v", "--version")) {
                firstUnpinned(c.operands(GEM_VALUES), w -> w.contains(":") || w.endsWith(".gem") || w.contains("/"))
                        .ifPresent(w -> sink.report(HadolintRules.DL3028, Runs.at(unit, e, l, w), w.text()));
            }
        }
        for (RunScript.Located l : script.invocations("go")) {
            ShellCommand c = l.command();
            if (Runs.isSubcommand(c, GO_VALUES, "install")) {
                firstUnpinned(c.operands(GO_VALUES), w -> w.contains("@") || w.startsWith(".") || w.startsWith("/"))
                        .ifPresent(w -> sink.report(HadolintRules.DL3062, Runs.at(unit, e, l, w), w.text()));
            }
        }
    }

    private static void rpm(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        for (RunScript.Located l : script.invocations("yum", "dnf", "microdnf", "dnf5", "tdnf")) {
            ShellCommand c = l.command();
            if (!Runs.isSubcommand(c, RPM_VALUES, "install", "groupinstall", "localinstall")) {
                continue;
            }
            boolean yum = c.is("yum");
            String program = c.name();
            boolean yes = c.hasShortFlag('y') || c.hasFlag("--assumeyes");
            if (!yes) {
                sink.report(yum ? HadolintRules.DL3030 : HadolintRules.DL3038, Runs.at(unit, e, l), program);
            }
            String cache = yum ? "/var/cache/yum" : "/var/cache/dnf";
            boolean cleaned = Runs.runs(script, program, RPM_VALUES, "clean", "all") || Runs.removes(script, cache)
                    || script.mountCovers(cache) || !yum && Runs.removes(script, "/var/cache/yum");
            if (!cleaned) {
                sink.report(yum ? HadolintRules.DL3032 : HadolintRules.DL3040, Runs.at(unit, e, l), program);
            }
            if (Runs.isSubcommand(c, RPM_VALUES, "install")) {
                firstUnpinned(c.operands(RPM_VALUES), w -> RPM_VERSIONED.matcher(w).matches() || w.endsWith(".rpm")
                        || w.contains("/") || w.startsWith("@") || w.contains("*"))
                        .ifPresent(w -> sink.report(yum ? HadolintRules.DL3033 : HadolintRules.DL3041, Runs.at(unit, e, l, w),
                                yum ? w.text() : program, w.text()));
            }
        }
    }

    private static void zypper(LintUnit unit, FindingSink sink, InstructionEntry e, RunScript script) {
        boolean cleaned = Runs.runs(script, "zypper", ZYPPER_VALUES, "clean") || Runs.runs(script, "zypper", ZYPPER_VALUES, "cc")
                || script.mountCovers("/var/cache/zypp");
        for (RunScript.Located l : script.invocations("zypper")) {
            ShellCommand c = l.command();
            String sub = c.subcommand(ZYPPER_VALUES);
            if (ZYPPER_NEED_CONFIRM.contains(sub)
                    && !(c.hasFlag("--non-interactive", "--no-confirm", "-y", "-n") || c.hasShortFlag('y') || c.hasShortFlag('n'))) {
                sink.report(HadolintRules.DL3034, Runs.at(unit, e, l));
            }
            if (sub.equals("dist-upgrade") || sub.equals("dup")) {
                sink.report(HadolintRules.DL3035, Runs.at(unit, e, l));
            }
            if (sub.equals("install") || sub.equals("in")) {
                if (!cleaned) {
                    sink.report(HadolintRules.DL3036, Runs.at(unit, e, l));
                }
                firstUnpinned(c.operands(ZYPPER_VALUES), w -> w.contains("=") || w.contains("<") || w.contains(">")
                        || w.endsWith(".rpm") || w.contains("/"))
                        .ifPresent(w -> sink.report(HadolintRules.DL3037, Runs.at(unit, e, l, w), w.text()));
            }
        }
    }

    /** The first operand that is not an expansion and not pinned by {@code pinned}. */
    private static java.util.Optional<ShellWord> firstUnpinned(List<ShellWord> operands, java.util.function.Predicate<String> pinned) {
        for (ShellWord w : operands) {
            if (!w.expands() && !w.text().isEmpty() && !pinned.test(w.text())) {
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }

    /** An ENV or ARG of the image before {@code e} sets {@code name}. */
    private static boolean definesBefore(LintUnit unit, InstructionEntry e, String name) {
        return unit.definedBefore(e, name, true);
    }
}
