package dev.jbuild.lint.rules;

import dev.jbuild.lint.JbuildRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.ChmodMode;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.platform.GoPaths;
import dev.jbuild.parser.instructions.InstructionException;
import dev.jbuild.parser.instructions.Workdir;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The --chmod trap: a COPY or ADD whose --chmod leaves directories readable but not searchable, where it
 * creates directories on the way to its destination or copies directories. Which directories exist
 * already is known only for the base image's usual ones (none on scratch), the ones WORKDIR made, and the
 * ones earlier copies of the stage made.
 */
final class ChmodChecks implements Check {
    /** Directories every Linux base image has (busybox, alpine, debian, ubuntu, distroless). */
    private static final Set<String> USUAL = Set.of("/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt",
            "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local",
            "/usr/local/bin", "/usr/local/lib", "/usr/local/sbin", "/usr/local/share", "/usr/sbin", "/usr/share", "/var",
            "/var/cache", "/var/lib", "/var/log", "/var/run", "/var/tmp");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        if (!sink.wants(JbuildRules.CHMOD_UNSEARCHABLE_DIRECTORY)) {
            return;
        }
        for (Stage stage : unit.stages()) {
            Set<String> present = new HashSet<>(unit.rootOf(stage).fromScratch() ? Set.of() : USUAL);
            String workdir = "/";
            for (InstructionEntry e : stage.body()) {
                Workdir w = e.as(Workdir.class);
                if (w != null && w.path().indexOf('$') < 0) {
                    workdir = absolute(workdir, Texts.unquote(w.path()));
                    present.addAll(withParents(workdir));
                }
                Copy copy = e.as(Copy.class);
                Add add = e.as(Add.class);
                if (copy != null) {
                    check(unit, sink, e, copy.chmod(), copy.sources(), copy.heredocs().size(), copy.destination(),
                            workdir, present);
                } else if (add != null) {
                    check(unit, sink, e, add.chmod(), add.sources(), add.heredocs().size(), add.destination(), workdir,
                            present);
                }
            }
        }
    }

    private static void check(LintUnit unit, FindingSink sink, InstructionEntry e, String chmod, List<String> sources,
                              int heredocs, String destination, String workdir, Set<String> present) {
        String dest = Texts.unquote(destination);
        if (dest.indexOf('$') >= 0) {
            return;
        }
        boolean intoDirectory = dest.endsWith("/") || dest.equals(".") || sources.size() + heredocs > 1;
        String target = absolute(workdir, dest);
        String directory = intoDirectory ? target : parent(target);
        List<String> created = new ArrayList<>();
        for (String dir : withParents(directory)) {
            if (!present.contains(dir)) {
                created.add(dir);
            }
        }
        present.addAll(withParents(directory));
        if (chmod == null || chmod.indexOf('$') >= 0) {
            return;
        }
        int mode;
        try {
            mode = ChmodMode.parse(chmod).createdDirectoryMode();
        } catch (InstructionException ex) {
            return; // SyntaxError says so
        }
        if (!ChmodMode.unsearchable(mode)) {
            return;
        }
        List<String> named = new ArrayList<>(created);
        boolean copiesDirectories = sources.stream().map(Texts::unquote)
                .anyMatch(s -> s.endsWith("/") || s.equals(".") || s.endsWith("/."));
        if (copiesDirectories) {
            named.add("the directories copied into " + directory);
        }
        if (!named.isEmpty()) {
            sink.report(JbuildRules.CHMOD_UNSEARCHABLE_DIRECTORY, unit.rangeOf(e, "--chmod"), chmod,
                    String.join(", ", named), String.format("%04o", mode));
        }
    }

    /** {@code path} joined to the working directory when relative, cleaned; "/" stays "/". */
    private static String absolute(String workdir, String path) {
        return GoPaths.clean(path.startsWith("/") ? path : workdir + "/" + path);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** {@code /a/b} → {@code /a}, {@code /a/b}; the root is no directory a copy creates. */
    private static List<String> withParents(String path) {
        List<String> out = new ArrayList<>();
        int slash = 0;
        while (slash >= 0 && !path.equals("/")) {
            slash = path.indexOf('/', slash + 1);
            out.add(slash < 0 ? path : path.substring(0, slash));
        }
        return out;
    }
}
