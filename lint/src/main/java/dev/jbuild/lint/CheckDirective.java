package dev.jbuild.lint;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's {@code # check=} parser directive: {@code skip=RuleA,RuleB} (or {@code skip=all}),
 * {@code error=true} and {@code experimental=RuleC} (or {@code all}), separated by semicolons.
 * Parts jbuild does not understand are left alone.
 */
public record CheckDirective(Set<String> skip, boolean skipAll, boolean error, Set<String> experimental, boolean experimentalAll) {

    public CheckDirective {
        skip = Set.copyOf(skip);
        experimental = Set.copyOf(experimental);
    }

    public static final CheckDirective NONE = new CheckDirective(Set.of(), false, false, Set.of(), false);

    public static CheckDirective parse(String value) {
        Set<String> skip = new LinkedHashSet<>();
        Set<String> experimental = new LinkedHashSet<>();
        boolean skipAll = false;
        boolean error = false;
        boolean experimentalAll = false;
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String val = part.substring(eq + 1).trim();
            switch (key) {
                case "skip" -> {
                    for (String name : val.split(",")) {
                        String n = name.trim();
                        if (n.equalsIgnoreCase("all")) {
                            skipAll = true;
                        } else if (!n.isEmpty()) {
                            skip.add(n);
                        }
                    }
                }
                case "error" -> error = val.equalsIgnoreCase("true") || val.equals("1");
                case "experimental" -> {
                    for (String name : val.split(",")) {
                        String n = name.trim();
                        if (n.equalsIgnoreCase("all")) {
                            experimentalAll = true;
                        } else if (!n.isEmpty()) {
                            experimental.add(n);
                        }
                    }
                }
                default -> {
                    // not a BuildKit setting: nothing to do
                }
            }
        }
        return new CheckDirective(skip, skipAll, error, experimental, experimentalAll);
    }

    /** The configuration for one file: skipped rules ignored, experimental ones enabled. */
    public LintConfig applyTo(LintConfig config) {
        Set<String> ignored = new LinkedHashSet<>(skip);
        Set<String> enabled = new LinkedHashSet<>(experimental);
        for (Rule rule : BuildkitRules.ALL) {
            if (skipAll) {
                ignored.add(rule.id());
            }
            if (experimentalAll && !rule.enabledByDefault()) {
                enabled.add(rule.id());
            }
        }
        return config.withIgnored(ignored).withEnabled(enabled);
    }
}
