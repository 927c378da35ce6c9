package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.ignore.IgnorePattern;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.platform.GoPaths;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** COPY and ADD: sources the context leaves out, ADD where COPY will do, and destinations. */
final class CopyChecks implements Check {
    private static final List<String> ARCHIVES = List.of(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz",
            ".txz", ".tar.zst", ".tzst", ".tar.lz", ".tlz", ".tar.lzma", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma", ".z");
    private static final Set<String> ROOT_PATTERNS = Set.of("*", "**", "**/*");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        for (InstructionEntry e : unit.entries()) {
            Copy copy = e.as(Copy.class);
            Add add = e.as(Add.class);
            if (copy != null) {
                if (copy.from() == null) {
                    ignored(unit, sink, e, "Copy", copy.sources(), false);
                }
                int sources = copy.sources().size() + copy.heredocs().size();
                String dest = Texts.unquote(copy.destination());
                if (sources > 1 && !dest.endsWith("/") && !dest.endsWith("\\") && dest.indexOf('$') < 0) {
                    sink.report(HadolintRules.DL3021, unit.rangeOf(e, copy.destination()), dest);
                }
            }
            if (add != null) {
                ignored(unit, sink, e, "Add", add.sources(), true);
                for (String source : add.sources()) {
                    String s = Texts.unquote(source);
                    if (!isRemote(s) && !isArchive(s) && s.indexOf('$') < 0) {
                        sink.report(HadolintRules.DL3020, unit.rangeOf(e, source), s);
                        break;
                    }
                }
            }
        }
    }

    /**
     * CopyIgnoredFile, with BuildKit's limits: only when there is a .dockerignore and it has no '!' lines
     * (an exception can bring back a file inside an excluded directory, which is too hard to tell statically).
     */
    private static void ignored(LintUnit unit, FindingSink sink, InstructionEntry e, String instruction, List<String> sources, boolean isAdd) {
        DockerIgnore ignore = unit.source().dockerignore();
        if (ignore == null || ignore.isEmpty() || ignore.patterns().stream().anyMatch(IgnorePattern::isException)) {
            return;
        }
        for (String source : sources) {
            String s = Texts.unquote(source);
            if (s.indexOf('$') >= 0 || isAdd && isRemote(s)) {
                continue;
            }
            String clean = clean(s);
            boolean excluded = clean.isEmpty()
                    ? ignore.patterns().stream().anyMatch(p -> !p.isException() && ROOT_PATTERNS.contains(p.text()))
                    : ignore.isExcluded(clean);
            if (excluded) {
                sink.report(BuildkitRules.COPY_IGNORED_FILE, unit.rangeOf(e, source), instruction, clean.isEmpty() ? "." : clean);
            }
        }
    }

    /** The source as a path relative to the context root: {@code ./a//b/} is {@code a/b}, {@code .} and {@code /} are empty. */
    private static String clean(String source) {
        return GoPaths.underRoot(source.replace('\\', '/')).substring(1);
    }

    private static boolean isRemote(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.contains("://") || s.startsWith("git@");
    }

    private static boolean isArchive(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return ARCHIVES.stream().anyMatch(s::endsWith);
    }
}
