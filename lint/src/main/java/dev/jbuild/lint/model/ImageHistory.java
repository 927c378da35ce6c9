package dev.jbuild.lint.model;

import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.instructions.Arg;
import dev.jbuild.parser.instructions.ArgDeclaration;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Shell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The instructions that build one stage's image in build order (the FROM ancestors' bodies, then the
 * stage's own) with what rules ask of an instruction's past answered in constant time: the SHELL in force,
 * where a variable is first defined. Rules ask these for every instruction; walking the past each time
 * made linting a long stage cost the square of its length.
 */
final class ImageHistory {
    private final List<InstructionEntry> sequence;
    /** The stages whose bodies make up the sequence, oldest first, and where each body starts in it. */
    private final List<Stage> segments = new ArrayList<>();
    private final int[] segmentStarts;
    private final int ownFromIndex;
    /** The SHELL argv in force before each position (null: none yet); one more slot than instructions. */
    private final List<List<String>> shells;
    private final Map<String, Integer> firstDefinition = new HashMap<>();
    private final Map<String, Integer> firstValuedDefinition = new HashMap<>();
    private final Map<String, Integer> firstMatches = new HashMap<>();

    ImageHistory(List<Stage> lineageNearestFirst) {
        sequence = new ArrayList<>();
        segmentStarts = new int[lineageNearestFirst.size()];
        for (int i = lineageNearestFirst.size() - 1; i >= 0; i--) {
            segmentStarts[segments.size()] = sequence.size();
            segments.add(lineageNearestFirst.get(i));
            sequence.addAll(lineageNearestFirst.get(i).body());
        }
        ownFromIndex = lineageNearestFirst.get(0).fromEntry().index();
        shells = new ArrayList<>(sequence.size() + 1);
        List<String> shell = null;
        for (int position = 0; position < sequence.size(); position++) {
            InstructionEntry entry = sequence.get(position);
            shells.add(shell);
            Shell declared = entry.as(Shell.class);
            if (declared != null) {
                shell = declared.argv();
            }
            recordDefinitions(entry, position);
        }
        shells.add(shell);
    }

    private void recordDefinitions(InstructionEntry entry, int position) {
        Env env = entry.as(Env.class);
        if (env != null) {
            for (KeyValue pair : env.variables()) {
                firstDefinition.putIfAbsent(pair.key(), position);
                firstValuedDefinition.putIfAbsent(pair.key(), position);
            }
        }
        Arg arg = entry.as(Arg.class);
        if (arg != null) {
            for (ArgDeclaration declaration : arg.declarations()) {
                firstDefinition.putIfAbsent(declaration.name(), position);
                if (declaration.defaultValue() != null) {
                    firstValuedDefinition.putIfAbsent(declaration.name(), position);
                }
            }
        }
    }

    /**
     * Where {@code entry} stands in the sequence; an entry of another stage stands at the end. A stage's body
     * is a run of consecutive entries, so the place is worked out, not looked up.
     */
    int position(InstructionEntry entry) {
        int index = entry.index();
        if (index == ownFromIndex) {
            return segmentStarts[segments.size() - 1]; // the stage's FROM comes before its body
        }
        for (int i = 0; i < segments.size(); i++) {
            List<InstructionEntry> body = segments.get(i).body();
            if (!body.isEmpty() && index >= body.get(0).index() && index <= body.get(body.size() - 1).index()) {
                return segmentStarts[i] + index - body.get(0).index();
            }
        }
        return sequence.size();
    }

    List<InstructionEntry> sequence() {
        return java.util.Collections.unmodifiableList(sequence);
    }

    /** The instructions before {@code entry}, as a view (nothing is copied). */
    List<InstructionEntry> before(InstructionEntry entry) {
        return sequence.subList(0, position(entry));
    }

    /** The argv of the last SHELL before {@code entry}, or null when there is none. */
    List<String> shellBefore(InstructionEntry entry) {
        return shells.get(position(entry));
    }

    /**
     * Whether an instruction before {@code entry} passes {@code test}. The first one that does is found once per
     * {@code key} (which must always stand for the same test) and the sequence.
     */
    boolean anyBefore(InstructionEntry entry, String key, Predicate<InstructionEntry> test) {
        int first = firstMatches.computeIfAbsent(key, k -> {
            for (int position = 0; position < sequence.size(); position++) {
                if (test.test(sequence.get(position))) {
                    return position;
                }
            }
            return Integer.MAX_VALUE;
        });
        return first < position(entry);
    }

    /**
     * Whether an ENV or ARG before {@code entry} defines {@code name}; with {@code withValue}, an ARG counts only
     * when it has a default value.
     */
    boolean definedBefore(InstructionEntry entry, String name, boolean withValue) {
        Integer first = (withValue ? firstValuedDefinition : firstDefinition).get(name);
        return first != null && first < position(entry);
    }
}
