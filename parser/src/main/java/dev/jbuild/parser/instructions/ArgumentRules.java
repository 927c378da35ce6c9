package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.RawInstruction;

/** The argument-count rules shared by several instructions, with BuildKit's wording. */
final class ArgumentRules {
    private ArgumentRules() {}

    static void atLeastOne(RawInstruction raw) {
        if (raw.args().isEmpty()) {
            throw new InstructionException(raw.name() + " requires at least one argument");
        }
    }

    static void exactlyOne(RawInstruction raw) {
        if (raw.args().size() != 1) {
            throw new InstructionException(raw.name() + " requires exactly one argument");
        }
    }

    static void atLeastTwo(RawInstruction raw) {
        if (raw.args().size() < 2) {
            throw new InstructionException(raw.name()
                    + " requires at least two arguments, but only one was provided. Destination could not be determined");
        }
    }

    /** Rejects every flag: the instruction accepts none. */
    static void noFlags(RawInstruction raw) {
        FlagSet.none().parse(raw.flags());
    }
}
