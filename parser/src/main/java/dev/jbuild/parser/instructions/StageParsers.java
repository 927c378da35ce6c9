package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoText;
import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.parser.syntax.RawInstruction;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/** FROM, which opens a stage, and ONBUILD, which stores an instruction for later stages. */
final class StageParsers {
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_.\\-]*");
    // Go's \s, not Java's: no vertical tab
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");

    private StageParsers() {}

    static From from(RawInstruction raw) {
        List<String> args = raw.args();
        String stageName = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            stageName = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw new InstructionException("invalid name for build stage: " + GoText.quote(args.get(2))
                        + ", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw new InstructionException("FROM requires either one or three arguments");
        }
        ParsedFlags flags = FlagSet.none().string("platform").parse(raw.flags());
        return new From(args.get(0), stageName, flags.string("platform"), raw.range());
    }

    static Onbuild onbuild(RawInstruction raw, IntFunction<String> sourceLines) {
        RawInstruction trigger = raw.nested();
        if (trigger == null) {
            throw new InstructionException("ONBUILD requires at least one argument");
        }
        ArgumentRules.noFlags(raw);
        String keyword = trigger.name();
        if (keyword.equals("ONBUILD")) {
            throw new InstructionException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (keyword.equals("FROM") || keyword.equals("MAINTAINER")) {
            throw new InstructionException(keyword + " isn't allowed as an ONBUILD trigger");
        }
        List<Heredoc> heredocs = trigger.heredocs().isEmpty() ? raw.heredocs() : trigger.heredocs();
        // Stricter than BuildKit, which checks the trigger only when a child build runs it.
        Instruction parsed = InstructionParser.parse(withHeredocs(trigger, heredocs), sourceLines);
        return new Onbuild(parsed, expression(raw, heredocs), raw.range());
    }

    /** The syntax layer may attach an ONBUILD line's heredocs to the ONBUILD node; the trigger needs them. */
    private static RawInstruction withHeredocs(RawInstruction trigger, List<Heredoc> heredocs) {
        return new RawInstruction(trigger.keyword(), trigger.flags(), trigger.args(), trigger.jsonForm(),
                trigger.nested(), heredocs, trigger.original(), trigger.comments(), trigger.range());
    }

    private static String expression(RawInstruction raw, List<Heredoc> heredocs) {
        StringBuilder text = new StringBuilder(ONBUILD_PREFIX.matcher(raw.original()).replaceFirst(""));
        for (Heredoc heredoc : heredocs) {
            text.append('\n').append(heredoc.content()).append(heredoc.name());
        }
        return text.toString();
    }
}
