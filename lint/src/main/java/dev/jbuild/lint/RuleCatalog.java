package dev.jbuild.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every rule jbuild knows, in documentation order: BuildKit's checks, hadolint's DL rules, jbuild's own. */
public final class RuleCatalog {
    private static final Pattern SHELLCHECK_CODE = Pattern.compile("SC\\d{4}");
    private static final Map<String, Rule> BY_ID = index();

    private RuleCatalog() {}

    private static Map<String, Rule> index() {
        Map<String, Rule> map = new LinkedHashMap<>();
        List<Rule> all = new ArrayList<>();
        all.addAll(BuildkitRules.ALL);
        all.addAll(HadolintRules.ALL);
        all.addAll(JbuildRules.ALL);
        for (Rule rule : all) {
            if (map.put(rule.id(), rule) != null) {
                throw new IllegalStateException("two rules named " + rule.id());
            }
        }
        return map;
    }

    public static List<Rule> all() {
        return List.copyOf(BY_ID.values());
    }

    public static Optional<Rule> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** A catalogue id, or a shellcheck code such as {@code SC2086}. */
    public static boolean isKnown(String id) {
        return BY_ID.containsKey(id) || isShellcheckCode(id);
    }

    public static boolean isShellcheckCode(String id) {
        return SHELLCHECK_CODE.matcher(id).matches();
    }

    /** The rule that reports {@code aliasId}'s mistake under its own name, if {@code aliasId} is someone's alias. */
    public static Optional<Rule> reportedAs(String aliasId) {
        return BY_ID.values().stream().filter(rule -> rule.aliases().contains(aliasId)).findFirst();
    }

    /** The catalogue entry that governs findings with this id: the rule itself, or the ShellCheck family. */
    public static Optional<Rule> governing(String findingRule) {
        if (isShellcheckCode(findingRule)) {
            return Optional.of(JbuildRules.SHELLCHECK_FINDING);
        }
        return find(findingRule);
    }
}
