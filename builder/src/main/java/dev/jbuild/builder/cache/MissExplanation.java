package dev.jbuild.builder.cache;

import dev.jbuild.builder.files.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Why a step ran although an earlier build of the same step (same Dockerfile, context, stage and
 * position) was cached: its inputs then and now compared in the order a person would look, the first
 * difference said in one line.
 */
public final class MissExplanation {
    private static final int LISTED_FILES = 5;

    private MissExplanation() {
    }

    /**
     * @param parentRan whether the step before this one ran in this build (rather than coming from the cache)
     */
    public static String explain(StepInputs before, StepInputs now, boolean parentRan) {
        if (!before.instruction().equals(now.instruction())) {
            return "instruction changed: " + before.instruction() + " → " + now.instruction();
        }
        if (!before.args().equals(now.args())) {
            return args(before.args(), now.args());
        }
        if (!before.parentState().equals(now.parentState())) {
            if (!before.base().equals(now.base()) && now.parentStep().contains(" FROM ")) {
                return base(before.base(), now.base());
            }
            return "parent step " + now.parentStep() + (parentRan ? " missed the cache" : " gave another result");
        }
        if (!Objects.equals(before.sources(), now.sources())) {
            return sources(keyword(now.instruction()), before.files(), now.files());
        }
        return "other inputs changed (environment, user, working directory, network, mounts or flags)";
    }

    /** {@code base image busybox now resolves to sha256:new (was sha256:old)}; bases are {@code reference@id}. */
    private static String base(String before, String now) {
        int at = now.lastIndexOf('@');
        int was = before.lastIndexOf('@');
        if (at < 0 || was < 0 || !now.substring(0, at).equals(before.substring(0, was))) {
            return "base changed: " + before + " → " + now;
        }
        return "base image " + now.substring(0, at) + " now resolves to " + now.substring(at + 1) + " (was "
                + before.substring(was + 1) + ")";
    }

    private static String args(Map<String, String> before, Map<String, String> now) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(now.keySet());
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            String left = before.get(name);
            String right = now.get(name);
            if (!Objects.equals(left, right)) {
                parts.add(name + ": " + (left == null ? "(unset)" : left) + " → " + (right == null ? "(unset)" : right));
            }
        }
        return "build arg " + String.join(", ", parts);
    }

    private static String keyword(String instruction) {
        int space = instruction.indexOf(' ');
        return (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code COPY sources changed: app.txt (content), new.txt (added) and 3 more}. */
    static String sources(String keyword, List<SourceFile> before, List<SourceFile> now) {
        Map<String, SourceFile> old = new LinkedHashMap<>();
        before.forEach(file -> old.put(file.path(), file));
        Map<String, SourceFile> current = new LinkedHashMap<>();
        now.forEach(file -> current.put(file.path(), file));
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(current.keySet());
        List<String> changes = new ArrayList<>();
        for (String path : paths) {
            SourceFile left = old.get(path);
            SourceFile right = current.get(path);
            if (left == null) {
                changes.add(path + " (added)");
            } else if (right == null) {
                changes.add(path + " (removed)");
            } else {
                List<String> how = new ArrayList<>();
                if (left.type() != right.type() || !left.content().equals(right.content())) {
                    how.add("content");
                }
                if (left.mode() != right.mode()) {
                    how.add("mode " + Integer.toOctalString(left.mode()) + " → " + Integer.toOctalString(right.mode()));
                }
                if (!left.owner().equals(right.owner())) {
                    how.add("owner " + left.owner() + " → " + right.owner());
                }
                if (!how.isEmpty()) {
                    changes.add(path + " (" + String.join(", ", how) + ")");
                }
            }
        }
        if (changes.isEmpty()) {
            return keyword + " sources changed (which files were selected)";
        }
        String listed = String.join(", ", changes.subList(0, Math.min(LISTED_FILES, changes.size())));
        int more = changes.size() - LISTED_FILES;
        return keyword + " sources changed: " + listed + (more > 0 ? " and " + more + " more" : "");
    }
}
