package dev.jbuild.lint.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.lint.FileReport;
import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintReport;
import dev.jbuild.lint.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * GitLab Code Quality: an array of issues with description, check_name, fingerprint, severity and
 * location.path / location.lines.begin. The fingerprint hashes the file, rule, message and the text of the
 * line (not its number), so an issue keeps its identity when lines above it move.
 */
public final class GitlabFormatter implements ReportFormatter {

    @Override
    public String format(LintReport report) {
        ArrayNode issues = JsonFormatter.MAPPER.createArrayNode();
        for (FileReport file : report.files()) {
            Map<String, Integer> seen = new HashMap<>();
            for (Finding f : file.findings()) {
                ObjectNode issue = issues.addObject();
                issue.put("description", f.rule() + ": " + f.message());
                issue.put("check_name", f.rule());
                String identity = f.file() + "\n" + f.rule() + "\n" + f.message() + "\n" + file.sourceLine(f.line()).strip();
                int occurrence = seen.merge(identity, 1, Integer::sum);
                issue.put("fingerprint", sha256(identity + "\n" + occurrence));
                issue.put("severity", severity(f.severity()));
                ObjectNode location = issue.putObject("location");
                location.put("path", f.file());
                location.putObject("lines").put("begin", f.line());
            }
        }
        return JsonFormatter.write(issues);
    }

    static String severity(Severity severity) {
        return switch (severity) {
            case ERROR -> "major";
            case WARNING -> "minor";
            case INFO -> "info";
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
