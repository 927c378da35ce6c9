package dev.jbuild.lint.docs;

import dev.jbuild.lint.Rule;
import dev.jbuild.lint.RuleCatalog;
import dev.jbuild.lint.RuleExample;
import dev.jbuild.lint.RuleOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages of docs/lint, generated from the rule catalogue: an index, one page per rule and the JSON
 * format. A test compares them with the files in the repository, so the docs cannot drift from the code;
 * {@link RuleDocsMain} writes them.
 */
public final class RuleDocs {
    private RuleDocs() {}

    /** File name to content, in a stable order. */
    public static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("README.md", index());
        pages.put("json-format.md", jsonFormat());
        for (Rule rule : RuleCatalog.all()) {
            pages.put(rule.id() + ".md", page(rule));
        }
        return pages;
    }

    private static String index() {
        StringBuilder md = new StringBuilder();
        md.append(GENERATED).append("# jbuild lint rules\n\n")
                .append("`jbuild lint` checks Dockerfiles before anything is built: BuildKit's build checks (same names, same triggers), ")
                .append("hadolint's most used DL rules, and jbuild rules that need the whole stage graph. ")
                .append("Shell scripts of RUN lines (heredoc bodies included) can also go through shellcheck.\n\n")
                .append("```\njbuild lint [-f FILE]... [PATH]... [--format text|json|sarif|checkstyle|gitlab|github]\n")
                .append("            [--failure-threshold error|warning|info|none] [--ignore RULE]... [--config FILE]\n")
                .append("            [--shellcheck] [--all-aliases] [--no-color]\n```\n\n")
                .append("A PATH directory is searched (recursively, hidden directories skipped) for `Dockerfile`, `Containerfile`, ")
                .append("`*.Dockerfile`, `*.dockerfile`, `Dockerfile.*`, `Containerfile.*` and names ending in `Dockerfile`. ")
                .append("The exit code is 1 when a finding is at or above the failure threshold (default: error), 2 for usage ")
                .append("errors, 0 otherwise.\n\n")
                .append("## Choosing rules\n\n")
                .append("- `.jbuild-lint.yaml` in the working directory (or `--config FILE`):\n\n")
                .append("  ```yaml\n")
                .append("  ignore: [DL3008, UndefinedVar]          # rules that never report\n")
                .append("  enable: [InvalidDefinitionDescription]  # rules that are off by default\n")
                .append("  severity: {DL3059: warning}             # error, warning or info\n")
                .append("  trustedRegistries: [docker.io, ghcr.io] # DL3026\n")
                .append("  requiredLabels: [org.opencontainers.image.source]  # DL3049\n")
                .append("  baseImageEnv: {myorg/base: [APP_HOME]}  # variables your base images define (UndefinedVar)\n")
                .append("  failureThreshold: warning               # error, warning, info or none\n")
                .append("  shellcheck: auto                        # off, auto or on\n")
                .append("  allAliases: false                       # true: a mistake both catalogues name is reported under both\n")
                .append("  ```\n\n")
                .append("- `--ignore RULE` on the command line (repeatable); a shellcheck code such as `SC2086` works too.\n")
                .append("- `# jbuild-lint ignore=RULE[,RULE]` in the comment block right above an instruction silences those rules ")
                .append("for that instruction (hadolint's `# hadolint ignore=...` is read too; `ShellCheck` silences every shellcheck code).\n")
                .append("- BuildKit's directive `# check=skip=RULE1,RULE2;error=true` is honoured: `skip` (or `skip=all` for every ")
                .append("BuildKit check), `error=true` (BuildKit checks become errors) and `experimental=RULE|all`.\n\n")
                .append("## One finding per mistake\n\n")
                .append("Some mistakes have a name in both catalogues: `MAINTAINER` is BuildKit's `MaintainerDeprecated` and hadolint's ")
                .append("`DL4000`. Where both find it, it is reported once, under BuildKit's name with hadolint's shown as its alias ")
                .append("(`MaintainerDeprecated (DL4000)`, and `aliases` in JSON and SARIF). Either name works in `--ignore`, ")
                .append("`ignore:`, `severity:`, `# check=skip=` and `# hadolint ignore=`/`# jbuild-lint ignore=`. ")
                .append("Where only hadolint's rule finds something (a relative WORKDIR after an absolute one, which BuildKit lets be), ")
                .append("it is reported under hadolint's name. `--all-aliases` (or `allAliases: true` in the configuration) reports ")
                .append("both names as two findings, for pipelines that gate on one rule set.\n\n")
                .append("## Shell analysis\n\n")
                .append("shellcheck is opt-in (`--shellcheck` or `shellcheck: auto|on`): starting it costs more than linting a thousand ")
                .append("Dockerfiles, so it runs once per lint run over every RUN script, never once per RUN, and its findings are ")
                .append("reported at the Dockerfile line they refer to. When it is off or not installed, the run says so once.\n\n")
                .append("## Output formats\n\n")
                .append("`text` (default; colour only on a terminal and never with `--no-color` or `NO_COLOR`), ")
                .append("[`json`](json-format.md), `sarif` (SARIF 2.1.0, for GitHub code scanning), `checkstyle` (XML), ")
                .append("`gitlab` (Code Quality JSON) and `github` (Actions `::warning file=...` annotations).\n\n")
                .append("## Rules\n\n")
                .append("| Rule | Origin | Default severity | Description |\n|---|---|---|---|\n");
        for (Rule rule : RuleCatalog.all()) {
            md.append("| [").append(rule.id()).append("](").append(rule.id()).append(".md) | ").append(rule.origin().title())
                    .append(" | ").append(rule.defaultSeverity().label()).append(rule.enabledByDefault() ? "" : " (off by default)")
                    .append(" | ").append(cell(rule.description())).append(" |\n");
        }
        return md.toString();
    }

    private static String page(Rule rule) {
        StringBuilder md = new StringBuilder();
        md.append(GENERATED).append("# ").append(rule.id()).append("\n\n");
        md.append(rule.description()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Origin | ").append(rule.origin().title()).append(" |\n");
        md.append("| Default severity | ").append(rule.defaultSeverity().label()).append(" |\n");
        md.append("| Enabled by default | ").append(rule.enabledByDefault() ? "yes" : "no (enable it with `enable:` in the configuration)").append(" |\n");
        if (rule.url() != null) {
            md.append("| Upstream documentation | <").append(rule.url()).append("> |\n");
        }
        if (!rule.aliases().isEmpty()) {
            md.append("| Also known as | ").append(String.join(", ", rule.aliases().stream()
                    .map(id -> "[" + id + "](" + id + ".md)").toList()))
                    .append(": where both find the mistake, it is reported once, under this name |\n");
        }
        RuleCatalog.reportedAs(rule.id()).ifPresent(primary -> md.append("| Same mistake as | [").append(primary.id())
                .append("](").append(primary.id()).append(".md): where both find it, it is reported once, as ")
                .append(primary.id()).append(" (").append(rule.id()).append("); `--all-aliases` reports both |\n"));
        md.append("\n## Message\n\n```text\n").append(rule.messageTemplate()).append("\n```\n");
        if (rule.origin() == RuleOrigin.SHELLCHECK) {
            md.append("\nEach finding carries shellcheck's own code (`SC2086`) as its rule, its message, and a link to the ")
                    .append("shellcheck wiki. Codes SC1090, SC1091 and SC2187 are left out: sourced files are not in the image ")
                    .append("being described, and ash is read as dash anyway.\n");
        }
        if (rule.exampleDockerignore() != null) {
            md.append("\n## Examples\n\nWith this `.dockerignore`:\n\n```text\n").append(rule.exampleDockerignore()).append("```\n");
        } else if (rule.exampleConfig() != null) {
            md.append("\n## Examples\n\nWith this `.jbuild-lint.yaml`:\n\n```yaml\n").append(rule.exampleConfig()).append("```\n");
        } else if (!rule.examples().isEmpty()) {
            md.append("\n## Examples\n");
        }
        for (RuleExample example : rule.examples()) {
            if (example.isBad()) {
                md.append("\nTriggers the rule on line").append(example.lines().size() > 1 ? "s " : " ")
                        .append(String.join(", ", example.lines().stream().map(String::valueOf).toList())).append(":\n\n");
            } else {
                md.append("\nDoes not trigger it:\n\n");
            }
            md.append("```dockerfile\n").append(example.dockerfile()).append("```\n");
        }
        return md.toString();
    }

    private static String jsonFormat() {
        return GENERATED + "# jbuild lint JSON format\n\n"
                + "`jbuild lint --format json` prints one JSON object. Findings are flat, grouped by file in the order the files "
                + "were given and then by position. `schemaVersion` changes only when a field is removed or changes meaning; "
                + "new fields may appear. A finding whose mistake another catalogue names too carries that name in `aliases` "
                + "(`[\"DL4000\"]` on a `MaintainerDeprecated` finding). `notices` are things said once per run whatever the "
                + "format, such as a check that failed; advice for people, such as shell analysis being off, is printed only "
                + "with the text format.\n\n"
                + "```json\n"
                + "{\n"
                + "  \"schemaVersion\": 1,\n"
                + "  \"files\": [\"Dockerfile\"],\n"
                + "  \"findings\": [\n"
                + "    {\"file\": \"Dockerfile\", \"line\": 3, \"column\": 26, \"endLine\": 3, \"rule\": \"DL3008\", \"severity\": \"warning\",\n"
                + "     \"message\": \"Pin versions in apt-get install: use 'curl=<version>'\", \"url\": \"https://github.com/hadolint/hadolint/wiki/DL3008\"}\n"
                + "  ],\n"
                + "  \"summary\": {\"files\": 1, \"error\": 0, \"warning\": 1, \"info\": 0},\n"
                + "  \"notices\": []\n"
                + "}\n"
                + "```\n\n"
                + "## Schema\n\n"
                + "The output validates against this JSON Schema (draft 07); the tests check that it does.\n\n"
                + "```json\n" + schema() + "```\n";
    }

    /** The JSON Schema of the report, as shipped in the jar. */
    public static String schema() {
        try (InputStream in = RuleDocs.class.getResourceAsStream("/dev/jbuild/lint/format/lint-report.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("lint-report.schema.json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static final String GENERATED = "<!-- Generated from the rule catalogue by dev.jbuild.lint.docs.RuleDocsMain; do not edit. -->\n\n";
}
