package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.RawInstruction;
import java.util.ArrayList;
import java.util.List;

/** ENV, LABEL, ARG, USER, MAINTAINER, EXPOSE and STOPSIGNAL: the instructions that only set config. */
final class ConfigParsers {
    private ConfigParsers() {}

    static Env env(RawInstruction raw) {
        ArgumentRules.noFlags(raw);
        KeyValues pairs = KeyValues.of(raw);
        return new Env(pairs.pairs(), pairs.legacy(), raw.range());
    }

    static Label label(RawInstruction raw) {
        ArgumentRules.noFlags(raw);
        KeyValues pairs = KeyValues.of(raw);
        return new Label(pairs.pairs(), pairs.legacy(), raw.range());
    }

    /**
     * ARG reads no flags in BuildKit, so a flag here is silently ignored rather than refused. Each
     * argument is {@code name} or {@code name=default}, split at the first {@code =}.
     */
    static Arg arg(RawInstruction raw) {
        ArgumentRules.atLeastOne(raw);
        List<ArgDeclaration> declarations = new ArrayList<>();
        for (String word : raw.args()) {
            int eq = word.indexOf('=');
            if (eq == 0) {
                throw new InstructionException("ARG names can not be blank");
            }
            declarations.add(eq < 0
                    ? new ArgDeclaration(word, null)
                    : new ArgDeclaration(word.substring(0, eq), word.substring(eq + 1)));
        }
        return new Arg(declarations, raw.range());
    }

    static User user(RawInstruction raw) {
        ArgumentRules.exactlyOne(raw);
        ArgumentRules.noFlags(raw);
        return new User(raw.args().get(0), raw.range());
    }

    static Maintainer maintainer(RawInstruction raw) {
        ArgumentRules.exactlyOne(raw);
        ArgumentRules.noFlags(raw);
        return new Maintainer(raw.args().get(0), raw.range());
    }

    static Expose expose(RawInstruction raw) {
        ArgumentRules.atLeastOne(raw);
        ArgumentRules.noFlags(raw);
        return new Expose(raw.args(), raw.range());
    }

    /** BuildKit reads no flags for STOPSIGNAL either; they are ignored. */
    static Stopsignal stopsignal(RawInstruction raw) {
        ArgumentRules.exactlyOne(raw);
        return new Stopsignal(raw.args().get(0), raw.range());
    }

    /** ENV and LABEL arguments: (key, value, delimiter) triples; an empty delimiter marks the legacy form. */
    private record KeyValues(List<KeyValue> pairs, boolean legacy) {
        static KeyValues of(RawInstruction raw) {
            List<String> args = raw.args();
            ArgumentRules.atLeastOne(raw);
            if (args.size() % 3 != 0) {
                throw new InstructionException("Bad input to " + raw.name() + ", too many arguments");
            }
            List<KeyValue> pairs = new ArrayList<>();
            boolean legacy = false;
            for (int i = 0; i < args.size(); i += 3) {
                if (args.get(i).isEmpty()) {
                    throw new InstructionException(raw.name() + " names can not be blank");
                }
                pairs.add(new KeyValue(args.get(i), args.get(i + 1)));
                legacy |= args.get(i + 2).isEmpty();
            }
            return new KeyValues(pairs, legacy);
        }
    }
}
