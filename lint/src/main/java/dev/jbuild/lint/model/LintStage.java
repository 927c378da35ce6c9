package dev.jbuild.lint.model;

import dev.jbuild.parser.instructions.From;
import java.util.List;

/**
 * A stage as the linter sees it: built from the instructions that parse, so one broken instruction does not
 * hide the rest of the file.
 *
 * @param index position among the file's stages, from 0
 * @param fromEntry the FROM line
 * @param from its typed form, or null when the FROM line itself is invalid
 * @param name the AS name lower-cased as BuildKit keeps it, or null
 * @param body the instructions after FROM up to the next FROM
 * @param baseName the FROM image with global ARG defaults expanded (what BuildKit resolves), or the raw
 *     text when it does not expand
 * @param baseStage the earlier stage FROM names, or -1 when it names an image or {@code scratch}
 */
public record LintStage(int index, InstructionEntry fromEntry, From from, String name, List<InstructionEntry> body,
        String baseName, int baseStage) {

    public LintStage {
        body = List.copyOf(body);
    }

    /** The name BuildKit shows: the AS name, else {@code stage-N}. */
    public String displayName() {
        return name != null ? name : "stage-" + index;
    }

    public boolean fromScratch() {
        return baseStage < 0 && "scratch".equals(baseName);
    }
}
