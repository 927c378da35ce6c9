package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.jbuild.lint.format.OutputFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each output format, checked the way its consumer reads it. */
class OutputFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = "FROM debian\n"
            + "RUN apt-get update && apt-get install -y curl\n"
            + "MAINTAINER \"Jane <jane@example.com>\"\n"
            + "CMD echo 50% done, \"ok\"\n"
            + "EXPOSE 80000\n";

    private static LintReport report() {
        LintConfig config = LintConfig.defaults().withIgnored(Set.of("DL3015"));
        return new Linter(config).lint(List.of(
                new DockerfileSource("app/Dockerfile", DOCKERFILE),
                new DockerfileSource("clean/Dockerfile", "FROM alpine:3.20\nUSER 65534\n")));
    }

    @Test
    void sampleReportHasFindingsOfEverySeverity() {
        LintReport report = report();
        assertTrue(report.counts().values().stream().allMatch(n -> n > 0), report.counts().toString());
        assertTrue(report.files().get(1).findings().isEmpty());
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema() throws Exception {
        String sarif = OutputFormat.SARIF.formatter(false).format(report());
        Schema schema = sarifSchema();
        assertEquals(List.of(), messages(schema.validate(JSON.readTree(sarif))));
        JsonNode root = JSON.readTree(sarif);
        JsonNode run = root.get("runs").get(0);
        assertEquals("2.1.0", root.get("version").asText());
        assertEquals(report().findings().size(), run.get("results").size());
        JsonNode first = run.get("results").get(0);
        assertEquals("app/Dockerfile", first.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        String ruleId = first.get("ruleId").asText();
        assertEquals(ruleId, run.at("/tool/driver/rules/" + first.get("ruleIndex").asInt() + "/id").asText());
    }

    @Test
    void theSarifSchemaCheckRejectsABrokenLog() throws Exception {
        ObjectNode broken = (ObjectNode) JSON.readTree(OutputFormat.SARIF.formatter(false).format(report()));
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        assertFalse(sarifSchema().validate(broken).isEmpty());
    }

    @Test
    void jsonValidatesAgainstTheSchemaInTheDocsAndRoundTrips() throws Exception {
        LintReport report = report();
        String json = OutputFormat.JSON.formatter(false).format(report);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(new ByteArrayInputStream(documentedSchema().getBytes(StandardCharsets.UTF_8)));
        JsonNode root = JSON.readTree(json);
        assertEquals(List.of(), messages(schema.validate(root)));
        assertEquals(report.findings().size(), root.get("findings").size());
        for (int i = 0; i < report.findings().size(); i++) {
            Finding f = report.findings().get(i);
            JsonNode n = root.get("findings").get(i);
            assertEquals(f.file(), n.get("file").asText());
            assertEquals(f.line(), n.get("line").asInt());
            assertEquals(f.column(), n.get("column").asInt());
            assertEquals(f.rule(), n.get("rule").asText());
            assertEquals(f.severity().label(), n.get("severity").asText());
            assertEquals(f.message(), n.get("message").asText());
        }
        assertEquals(report.counts().get(Severity.WARNING), root.at("/summary/warning").asInt());
        assertEquals(List.of("app/Dockerfile", "clean/Dockerfile"), List.of(root.at("/files/0").asText(), root.at("/files/1").asText()));
    }

    @Test
    void theJsonSchemaCheckRejectsAnUnknownSeverity() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(OutputFormat.JSON.formatter(false).format(report()));
        ((ObjectNode) root.get("findings").get(0)).put("severity", "fatal");
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(new ByteArrayInputStream(documentedSchema().getBytes(StandardCharsets.UTF_8)));
        assertFalse(schema.validate(root).isEmpty());
    }

    @Test
    void checkstyleIsWellFormedXmlWithOneErrorElementPerFinding() throws Exception {
        LintReport report = report();
        String xml = OutputFormat.CHECKSTYLE.formatter(false).format(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("checkstyle", doc.getDocumentElement().getTagName());
        NodeList files = doc.getElementsByTagName("file");
        assertEquals(2, files.getLength());
        assertEquals("app/Dockerfile", ((Element) files.item(0)).getAttribute("name"));
        NodeList errors = doc.getElementsByTagName("error");
        assertEquals(report.findings().size(), errors.getLength());
        Finding first = report.findings().get(0);
        Element e = (Element) errors.item(0);
        assertEquals(String.valueOf(first.line()), e.getAttribute("line"));
        assertEquals(String.valueOf(first.column()), e.getAttribute("column"));
        assertEquals(first.severity().label(), e.getAttribute("severity"));
        assertEquals(first.message(), e.getAttribute("message"));
        assertEquals("jbuild.lint." + first.rule(), e.getAttribute("source"));
    }

    @Test
    void gitlabIssuesHaveTheCodeQualityFieldsAndUniqueFingerprints() throws Exception {
        LintReport report = report();
        JsonNode issues = JSON.readTree(OutputFormat.GITLAB.formatter(false).format(report));
        assertTrue(issues.isArray());
        assertEquals(report.findings().size(), issues.size());
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode issue : issues) {
            assertTrue(issue.get("description").asText().length() > 0);
            assertTrue(issue.get("check_name").asText().length() > 0);
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(issue.get("severity").asText()));
            assertEquals("app/Dockerfile", issue.at("/location/path").asText());
            assertTrue(issue.at("/location/lines/begin").asInt() >= 1);
            assertTrue(fingerprints.add(issue.get("fingerprint").asText()));
        }
    }

    @Test
    void githubAnnotationsEscapeWhatTheRunnerWouldMisread() {
        String out = OutputFormat.GITHUB.formatter(false).format(report());
        List<String> lines = out.lines().toList();
        assertEquals(report().findings().size(), lines.size());
        for (String line : lines) {
            assertTrue(line.matches("::(error|warning|notice) file=app/Dockerfile,line=\\d+,col=\\d+,title=[A-Za-z0-9]+::.+"), line);
        }
        assertTrue(out.contains("::warning file=app/Dockerfile,line=1,col=1,title=DL3006::Tag the version of image 'debian' explicitly"));
        Finding odd = new Finding("X1", Severity.INFO, "50% done\nnext", dev.jbuild.parser.syntax.SourceRange.line("a,b:c", 2, 3), null);
        assertEquals("::notice file=a%2Cb%3Ac,line=2,col=3,title=X1::50%25 done%0Anext\n",
                OutputFormat.GITHUB.formatter(false).format(new LintReport(List.of(new FileReport("a,b:c", List.of(odd), List.of())), List.of())));
    }

    @Test
    void textShowsLocationRuleSeverityMessageSourceLineAndCaret() {
        Finding f = new Finding("DL3008", Severity.WARNING, "Pin versions", dev.jbuild.parser.syntax.SourceRange.line("Dockerfile", 2, 5), null);
        LintReport report = new LintReport(List.of(new FileReport("Dockerfile", List.of(f), List.of("FROM x", "\tRUN apt-get"))), List.of());
        assertEquals("Dockerfile:2:5 DL3008 warning: Pin versions\n  \tRUN apt-get\n  \t   ^\n\n1 file linted: 0 errors, 1 warning, 0 info\n",
                OutputFormat.TEXT.formatter(false).format(report));
        String colored = OutputFormat.TEXT.formatter(true).format(report);
        assertTrue(colored.contains("\u001B[33mwarning\u001B[0m"), colored);
        assertFalse(OutputFormat.TEXT.formatter(false).format(report).contains("\u001B"));
    }

    @Test
    void textSaysSoWhenThereIsNothingToReport() {
        LintReport report = new LintReport(List.of(new FileReport("Dockerfile", List.of(), List.of("FROM x"))), List.of());
        assertEquals("1 file linted, no findings\n", OutputFormat.TEXT.formatter(false).format(report));
    }

    private static Schema sarifSchema() throws Exception {
        try (InputStream in = OutputFormatsTest.class.getResourceAsStream("/schemas/sarif-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    /** The schema block of docs/lint/json-format.md: the documentation is what the output is held to. */
    private static String documentedSchema() throws Exception {
        String md = Files.readString(LintDocsTest.docsDir().resolve("json-format.md"));
        int schemaSection = md.indexOf("## Schema");
        int start = md.indexOf("```json\n", schemaSection) + "```json\n".length();
        return md.substring(start, md.indexOf("```", start));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::getMessage).toList();
    }
}
