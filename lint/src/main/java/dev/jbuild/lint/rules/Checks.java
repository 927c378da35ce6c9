package dev.jbuild.lint.rules;

import java.util.List;

/** Every check, in the order they run. Checks keep no state between files and may be shared by threads. */
public final class Checks {
    private static final List<Check> ALL = List.of(new SyntaxChecks(), new CasingChecks(), new StageChecks(),
            new GraphChecks(), new CommandFormChecks(), new MetadataChecks(), new WorkdirUserChecks(), new ExposeChecks(),
            new VariableChecks(), new CopyChecks(), new ChmodChecks(), new AptChecks(), new PackageChecks(), new ShellCommandChecks());

    private Checks() {}

    public static List<Check> all() {
        return ALL;
    }
}
