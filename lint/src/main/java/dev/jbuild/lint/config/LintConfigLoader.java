package dev.jbuild.lint.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jbuild.lint.FailureThreshold;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.LintConfigException;
import dev.jbuild.lint.RuleCatalog;
import dev.jbuild.lint.Severity;
import dev.jbuild.lint.ShellcheckMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .jbuild-lint.yaml}. Unknown keys and unknown rule ids are errors, not silently ignored: a
 * misspelt rule in an ignore list would otherwise hide nothing and nobody would notice.
 *
 * <pre>
 * ignore: [DL3008, UndefinedVar]          # rules that never report
 * enable: [InvalidDefinitionDescription]  # rules that are off by default
 * severity: {DL3059: warning}             # overrides: error, warning, info
 * trustedRegistries: [docker.io, ghcr.io] # DL3026
 * requiredLabels: [org.opencontainers.image.source]  # DL3049
 * baseImageEnv: {myorg/base: [APP_HOME]}  # variables base images define (UndefinedVar)
 * failureThreshold: warning               # error, warning, info or none
 * shellcheck: auto                        # off, auto or on
 * allAliases: true                        # a mistake BuildKit and hadolint both find: both names, two findings
 * </pre>
 */
public final class LintConfigLoader {
    /** The file looked for in the working directory when {@code --config} is not given. */
    public static final List<String> DEFAULT_NAMES = List.of(".jbuild-lint.yaml", ".jbuild-lint.yml");

    private static final Set<String> KEYS = Set.of("ignore", "enable", "severity", "trustedRegistries",
            "requiredLabels", "baseImageEnv", "failureThreshold", "shellcheck", "allAliases");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LintConfigLoader() {}

    public static LintConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LintConfigException("cannot read lint configuration " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The first default configuration file in {@code dir}, if any. */
    public static java.util.Optional<Path> find(Path dir) {
        return DEFAULT_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** @param source the name used in error messages */
    public static LintConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new LintConfigException(source + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        LintConfig config = LintConfig.defaults();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return config;
        }
        if (!root.isObject()) {
            throw new LintConfigException(source + ": expected a mapping of settings at the top level");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new LintConfigException(source + ": unknown setting '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        config = config.withIgnored(ruleIds(root.get("ignore"), source, "ignore"));
        config = config.withEnabled(ruleIds(root.get("enable"), source, "enable"));
        config = config.withSeverities(severities(root.get("severity"), source));
        config = config.withTrustedRegistries(strings(root.get("trustedRegistries"), source, "trustedRegistries"));
        config = config.withRequiredLabels(strings(root.get("requiredLabels"), source, "requiredLabels"));
        if (root.has("failureThreshold")) {
            config = config.withFailureThreshold(parseValue(() -> FailureThreshold.parse(root.get("failureThreshold").asText()), source));
        }
        if (root.has("shellcheck")) {
            config = config.withShellcheck(parseValue(() -> ShellcheckMode.parse(root.get("shellcheck").asText()), source));
        }
        Map<String, List<String>> env = new LinkedHashMap<>();
        JsonNode envNode = root.get("baseImageEnv");
        if (envNode != null && !envNode.isNull()) {
            if (!envNode.isObject()) {
                throw new LintConfigException(source + ": baseImageEnv must map image names to lists of variable names");
            }
            envNode.fields().forEachRemaining(e -> env.put(e.getKey(), strings(e.getValue(), source, "baseImageEnv." + e.getKey())));
        }
        boolean allAliases = false;
        if (root.has("allAliases")) {
            JsonNode value = root.get("allAliases");
            if (!value.isBoolean()) {
                throw new LintConfigException(source + ": allAliases must be true or false");
            }
            allAliases = value.asBoolean();
        }
        return new LintConfig(config.ignored(), config.enabled(), config.severities(), config.trustedRegistries(),
                config.requiredLabels(), env, config.failureThreshold(), config.shellcheck(), allAliases);
    }

    private static <T> T parseValue(java.util.function.Supplier<T> parse, String source) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new LintConfigException(source + ": " + e.getMessage());
        }
    }

    private static Set<String> ruleIds(JsonNode node, String source, String key) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : strings(node, source, key)) {
            if (!RuleCatalog.isKnown(id)) {
                throw new LintConfigException(source + ": " + key + ": unknown rule '" + id + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    private static Map<String, Severity> severities(JsonNode node, String source) {
        Map<String, Severity> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw new LintConfigException(source + ": severity must map rule ids to error, warning or info");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!RuleCatalog.isKnown(e.getKey())) {
                throw new LintConfigException(source + ": severity: unknown rule '" + e.getKey() + "'");
            }
            result.put(e.getKey(), parseValue(() -> Severity.parse(e.getValue().asText()), source));
        }
        return result;
    }

    /** A YAML list of scalars; a single scalar counts as a list of one. */
    private static List<String> strings(JsonNode node, String source, String key) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isValueNode()) {
            values.add(node.asText());
            return values;
        }
        if (!node.isArray()) {
            throw new LintConfigException(source + ": " + key + " must be a list");
        }
        for (JsonNode item : node) {
            if (!item.isValueNode()) {
                throw new LintConfigException(source + ": " + key + " must be a list of plain values");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
