package dev.jbuild.lint.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Rule;
import dev.jbuild.lint.RuleCatalog;
import dev.jbuild.lint.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 with one run: the rules that have findings in {@code tool.driver.rules} and one result per
 * finding with a file-relative location, which is what GitHub code scanning needs.
 */
public final class SarifFormatter implements ReportFormatter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    @Override
    public String format(LintReport report) {
        ObjectNode root = JsonFormatter.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "jbuild-lint");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            ruleIndex.computeIfAbsent(f.rule(), id -> {
                rules.add(describe(f));
                return rules.size() - 1;
            });
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.rule());
            r.put("ruleIndex", ruleIndex.get(f.rule()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.message());
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(f.file()));
            ObjectNode region = physical.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            region.put("endLine", Math.max(f.line(), f.range().endLine()));
            if (!f.aliases().isEmpty()) {
                ArrayNode aliases = r.putObject("properties").putArray("aliases");
                f.aliases().forEach(aliases::add);
            }
        }
        return JsonFormatter.write(root);
    }

    private static ObjectNode describe(Finding f) {
        ObjectNode rule = JsonFormatter.MAPPER.createObjectNode();
        rule.put("id", f.rule());
        Rule catalogued = RuleCatalog.find(f.rule()).orElse(null);
        if (catalogued != null) {
            rule.put("name", catalogued.id());
            rule.putObject("shortDescription").put("text", catalogued.description());
            rule.putObject("defaultConfiguration").put("level", level(catalogued.defaultSeverity()));
        } else {
            rule.putObject("shortDescription").put("text", "ShellCheck " + f.rule());
        }
        if (f.url() != null) {
            rule.put("helpUri", f.url());
        }
        return rule;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** A relative URI reference for the file, with '/' separators and anything unsafe percent-encoded. */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path.replace(" ", "%20");
        }
    }
}
