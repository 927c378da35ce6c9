package dev.jbuild.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the rule catalogue: everything a finding, a configuration file and the generated
 * documentation need to know about a rule.
 *
 * @param id the name used in output, ignore lists and configuration ({@code StageNameCasing}, {@code DL3008})
 * @param enabledByDefault false for rules that run only when asked for (BuildKit's experimental checks)
 * @param description one sentence saying what the rule wants
 * @param messageTemplate the finding's message, with {@code {placeholders}} filled in order by {@link #message}
 * @param url the upstream documentation, or null for jbuild's own rules
 * @param examples documented Dockerfiles that the tests run
 * @param exampleDockerignore the {@code .dockerignore} the examples are linted with, or null
 * @param exampleConfig the {@code .jbuild-lint.yaml} text the examples are linted with, or null
 * @param aliases the ids other catalogues give this rule's mistake (hadolint's {@code DL4000} for
 *     {@code MaintainerDeprecated}): where both find it, it is reported once, under this rule's id
 */
public record Rule(
        String id,
        RuleOrigin origin,
        Severity defaultSeverity,
        boolean enabledByDefault,
        String description,
        String messageTemplate,
        String url,
        List<RuleExample> examples,
        String exampleDockerignore,
        String exampleConfig,
        List<String> aliases) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9 ]*}");

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        examples = List.copyOf(examples);
        aliases = List.copyOf(aliases);
    }

    /** Starts a catalogue entry. */
    public static Builder define(String id, RuleOrigin origin) {
        return new Builder(id, origin);
    }

    /**
     * The message with its placeholders filled: each distinct placeholder takes the next value, in the order
     * the placeholders first appear; a placeholder that appears again repeats its value. Placeholders without
     * a value stay as written.
     */
    public String message(Object... values) {
        Matcher m = PLACEHOLDER.matcher(messageTemplate);
        java.util.Map<String, String> filled = new java.util.HashMap<>();
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String name = m.group();
            String replacement = filled.get(name);
            if (replacement == null) {
                replacement = next < values.length ? String.valueOf(values[next++]) : name;
                filled.put(name, replacement);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the placeholders, each once, in the order {@link #message} fills them. */
    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(messageTemplate);
        while (m.find()) {
            if (!names.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Where the generated page for this rule lives, relative to the repository root. */
    public String docsPath() {
        return "docs/lint/" + id + ".md";
    }

    /** Builds a {@link Rule}; only id and origin are required up front. */
    public static final class Builder {
        private final String id;
        private final RuleOrigin origin;
        private Severity severity = Severity.WARNING;
        private boolean enabledByDefault = true;
        private String description = "";
        private String message = "";
        private String url;
        private final List<RuleExample> examples = new ArrayList<>();
        private String dockerignore;
        private String config;
        private final List<String> aliases = new ArrayList<>();

        private Builder(String id, RuleOrigin origin) {
            this.id = id;
            this.origin = origin;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder disabledByDefault() {
            enabledByDefault = false;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder message(String value) {
            message = value;
            return this;
        }

        public Builder url(String value) {
            url = value;
            return this;
        }

        /** A Dockerfile that triggers the rule on each of {@code lines}. */
        public Builder bad(String dockerfile, Integer... lines) {
            if (lines.length == 0) {
                throw new IllegalArgumentException(id + ": a bad example names the lines it triggers on");
            }
            examples.add(new RuleExample(dockerfile, List.of(lines)));
            return this;
        }

        /** A Dockerfile that does not trigger the rule. */
        public Builder good(String dockerfile) {
            examples.add(new RuleExample(dockerfile, List.of()));
            return this;
        }

        /** Another catalogue's id for the same mistake, reported as this rule's alias. */
        public Builder alias(String id) {
            aliases.add(id);
            return this;
        }

        public Builder exampleDockerignore(String text) {
            dockerignore = text;
            return this;
        }

        public Builder exampleConfig(String yaml) {
            config = yaml;
            return this;
        }

        public Rule build() {
            return new Rule(id, origin, severity, enabledByDefault, description, message, url, examples, dockerignore, config,
                    aliases);
        }
    }
}
