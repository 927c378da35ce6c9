package dev.jbuild.lint.rules;

import dev.jbuild.lint.HadolintRules;
import dev.jbuild.lint.JbuildRules;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageDependency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules over the references between stages: order, cycles, reachability. */
final class GraphChecks implements Check {

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        List<Stage> stages = unit.stages();
        for (StageDependency r : unit.references()) {
            if (r.kind() == StageDependency.Kind.FROM) {
                continue;
            }
            String reference = r.reference();
            if (r.target() == r.owner()) {
                if (r.kind() == StageDependency.Kind.COPY_FROM) {
                    sink.report(HadolintRules.DL3023, unit.rangeOf(r.entry(), reference), reference);
                }
            } else if (r.target() > r.owner()) {
                Stage later = stages.get(r.target());
                sink.report(JbuildRules.FORWARD_STAGE_REFERENCE, unit.rangeOf(r.entry(), reference), reference,
                        later.displayName(), later.fromEntry().raw().range().startLine());
            } else if (r.target() < 0 && r.kind() == StageDependency.Kind.COPY_FROM && looksLikeStageName(reference)) {
                sink.report(HadolintRules.DL3022, unit.rangeOf(r.entry(), reference), reference);
            }
        }
        cycles(unit, sink);
        if (stages.size() > 1) {
            Set<Integer> required = unit.requiredStages();
            Stage target = unit.targetStage();
            for (Stage s : stages) {
                if (!required.contains(s.index())) {
                    sink.report(JbuildRules.UNREACHABLE_STAGE, unit.range(s.fromEntry()), s.displayName(), target.displayName());
                }
            }
        }
    }

    /** An image would have a tag, digest, registry or path; a bare word is most likely a missing stage. */
    private static boolean looksLikeStageName(String reference) {
        return !reference.isEmpty() && reference.chars().noneMatch(c -> c == ':' || c == '/' || c == '@' || c == '$')
                && !reference.equals("scratch");
    }

    /** Each cycle of two or more stages, reported once at the reference that closes it. */
    private static void cycles(LintUnit unit, FindingSink sink) {
        if (!sink.wants(JbuildRules.CIRCULAR_STAGE_REFERENCE)) {
            return;
        }
        int n = unit.stages().size();
        int[] state = new int[n]; // 0 new, 1 on the path, 2 done
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (state[i] == 0) {
                visit(unit, sink, i, state, new ArrayList<>(), reported);
            }
        }
    }

    private static void visit(LintUnit unit, FindingSink sink, int index, int[] state, List<Integer> path, Set<String> reported) {
        state[index] = 1;
        path.add(index);
        for (StageDependency r : unit.stages().get(index).dependencies()) {
            if (!r.isStage() || r.target() == index) {
                continue;
            }
            if (state[r.target()] == 1) {
                List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(r.target()), path.size()));
                List<String> names = new ArrayList<>();
                for (int i : cycle) {
                    names.add(unit.stages().get(i).displayName());
                }
                names.add(unit.stages().get(r.target()).displayName());
                String key = cycle.stream().sorted().toList().toString();
                if (reported.add(key)) {
                    StageDependency first = firstEdge(unit, cycle);
                    sink.report(JbuildRules.CIRCULAR_STAGE_REFERENCE, unit.rangeOf(first.entry(), first.reference()), String.join(" -> ", names));
                }
            } else if (state[r.target()] == 0) {
                visit(unit, sink, r.target(), state, path, reported);
            }
        }
        path.remove(path.size() - 1);
        state[index] = 2;
    }

    /** The reference written first in the file among those that make up the cycle. */
    private static StageDependency firstEdge(LintUnit unit, List<Integer> cycle) {
        StageDependency first = null;
        for (int i = 0; i < cycle.size(); i++) {
            int from = cycle.get(i);
            int to = cycle.get((i + 1) % cycle.size());
            for (StageDependency r : unit.stages().get(from).dependencies()) {
                if (r.target() == to && (first == null || r.entry().index() < first.entry().index())) {
                    first = r;
                }
            }
        }
        return first;
    }
}
