package dev.jbuild.lint.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.lint.FileReport;
import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Severity;
import java.util.Map;

/** jbuild's JSON report; the schema is in docs/lint/json-format.md and a test holds the output to it. */
public final class JsonFormatter implements ReportFormatter {
    public static final int SCHEMA_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String format(LintReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode files = root.putArray("files");
        report.files().forEach(f -> files.add(f.file()));
        ArrayNode findings = root.putArray("findings");
        for (FileReport file : report.files()) {
            for (Finding f : file.findings()) {
                ObjectNode n = findings.addObject();
                n.put("file", f.file());
                n.put("line", f.line());
                n.put("column", f.column());
                n.put("endLine", Math.max(f.line(), f.range().endLine()));
                n.put("rule", f.rule());
                if (!f.aliases().isEmpty()) {
                    ArrayNode aliases = n.putArray("aliases");
                    f.aliases().forEach(aliases::add);
                }
                n.put("severity", f.severity().label());
                n.put("message", f.message());
                if (f.url() != null) {
                    n.put("url", f.url());
                }
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.files().size());
        Map<Severity, Integer> counts = report.counts();
        for (Severity s : Severity.values()) {
            summary.put(s.label(), counts.get(s));
        }
        ArrayNode notices = root.putArray("notices");
        report.notices().forEach(notices::add);
        return write(root);
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
