package dev.jbuild.cli.args;

import java.util.ArrayList;
import java.util.List;

/** A {@link SubcommandTable} over specs that are already built. */
final class FixedSubcommands implements SubcommandTable {
    private final List<CommandSpec> specs;
    private final List<String> names;

    FixedSubcommands(List<CommandSpec> specs) {
        this.specs = List.copyOf(specs);
        List<String> all = new ArrayList<>();
        for (CommandSpec spec : specs) {
            all.add(spec.name());
        }
        this.names = List.copyOf(all);
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public CommandSpec find(String name) {
        for (CommandSpec spec : specs) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        return null;
    }
}
