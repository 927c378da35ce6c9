package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.lint.JbuildRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.parser.instructions.Expose;
import java.util.Locale;
import java.util.Set;

/** EXPOSE: BuildKit's format checks, port ranges, and the specs BuildKit would refuse. */
final class ExposeChecks implements Check {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
    private static final long MAX_PORT = 65535;

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        for (InstructionEntry e : unit.entries()) {
            Expose expose = e.as(Expose.class);
            if (expose == null) {
                continue;
            }
            for (String port : expose.ports()) {
                check(unit, sink, e, port);
            }
        }
    }

    private static void check(LintUnit unit, FindingSink sink, InstructionEntry e, String spec) {
        if (spec.contains(":")) {
            sink.report(BuildkitRules.EXPOSE_INVALID_FORMAT, unit.rangeOf(e, spec), spec);
        }
        int slash = spec.indexOf('/');
        if (slash >= 0 && !Texts.isLower(spec.substring(slash + 1))) {
            sink.report(BuildkitRules.EXPOSE_PROTO_CASING, unit.rangeOf(e, spec), spec);
        }
        if (spec.indexOf('$') >= 0) {
            return; // known only when the build expands it
        }
        String container = spec.substring(spec.lastIndexOf(':') + 1);
        int cut = container.indexOf('/');
        String port = cut < 0 ? container : container.substring(0, cut);
        String protocol = cut < 0 ? "" : container.substring(cut + 1).toLowerCase(Locale.ROOT);
        if (port.isEmpty()) {
            invalid(unit, sink, e, spec, "no port number");
            return;
        }
        if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
            invalid(unit, sink, e, spec, "unknown protocol '" + protocol + "' (use tcp, udp or sctp)");
            return;
        }
        String[] range = port.split("-", -1);
        if (range.length > 2) {
            invalid(unit, sink, e, spec, "a range has one '-'");
            return;
        }
        long start = number(range[0]);
        long end = range.length == 2 ? number(range[1]) : start;
        if (start < 0 || end < 0) {
            invalid(unit, sink, e, spec, "'" + port + "' is not a number or range of numbers");
        } else if (start > MAX_PORT || end > MAX_PORT) {
            sink.report(HadolintRules.DL3011, unit.rangeOf(e, spec), start > MAX_PORT ? start : end);
        } else if (end < start) {
            invalid(unit, sink, e, spec, "the range ends before it starts");
        }
    }

    private static void invalid(LintUnit unit, FindingSink sink, InstructionEntry e, String spec, String reason) {
        sink.report(JbuildRules.EXPOSE_INVALID_PORT, unit.rangeOf(e, spec), spec, reason);
    }

    /** The decimal number, or -1 when the text is not one. */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
