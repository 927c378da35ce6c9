package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.text.GoText;
import dev.jbuild.platform.NetworkMode;
import java.util.ArrayList;
import java.util.List;

/** RUN, CMD, ENTRYPOINT and SHELL: the instructions that name a command. */
final class ExecutionParsers {
    private ExecutionParsers() {}

    static Run run(RawInstruction raw) {
        ParsedFlags flags = FlagSet.none()
                .repeatable("mount")
                .string("network")
                .string("security")
                .parse(raw.flags());
        Command command = command(raw);
        List<Mount> mounts = new ArrayList<>();
        for (String spec : flags.strings("mount")) {
            mounts.add(MountSpecParser.parse(spec));
        }
        NetworkMode network = flags.isGiven("network") ? network(flags.raw("network")) : null;
        SecurityMode security = flags.isGiven("security") ? SecurityMode.parse(flags.raw("security")) : null;
        return new Run(command, mounts, network, security, raw.range());
    }

    static Cmd cmd(RawInstruction raw) {
        ArgumentRules.noFlags(raw);
        return new Cmd(command(raw), raw.range());
    }

    static Entrypoint entrypoint(RawInstruction raw) {
        ArgumentRules.noFlags(raw);
        return new Entrypoint(command(raw), raw.range());
    }

    static Shell shell(RawInstruction raw) {
        ArgumentRules.noFlags(raw);
        ArgumentRules.atLeastOne(raw);
        if (!raw.jsonForm()) {
            throw new InstructionException("SHELL requires the arguments to be in JSON form");
        }
        return new Shell(raw.args(), raw.range());
    }

    /** Exec form keeps the JSON elements; shell form is the one argument string (empty if none). */
    static Command command(RawInstruction raw) {
        if (raw.jsonForm()) {
            return new Command.ExecForm(raw.args());
        }
        return new Command.ShellForm(String.join(" ", raw.args()), raw.heredocs());
    }

    /** BuildKit compares case-sensitively: {@code --network=HOST} is refused. */
    private static NetworkMode network(String value) {
        NetworkMode mode = NetworkMode.ofKeyword(value);
        if (mode == null) {
            throw new InstructionException("invalid network mode " + GoText.quote(value));
        }
        return mode;
    }
}
