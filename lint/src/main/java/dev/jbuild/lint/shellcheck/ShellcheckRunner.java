package dev.jbuild.lint.shellcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.lint.Finding;
import dev.jbuild.lint.Severity;
import dev.jbuild.parser.syntax.SourceRange;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Runs shellcheck over many scripts with as few processes as possible: one per dialect and batch of files,
 * the batches running side by side. Starting shellcheck costs far more than checking a script, so it is
 * never started once per RUN.
 */
public final class ShellcheckRunner {
    /** Codes that make no sense for a Dockerfile: sourced files are not there, ash is read as dash anyway. */
    private static final String EXCLUDED = "SC1090,SC1091,SC2187";
    private static final int BATCH = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path executable;

    private ShellcheckRunner(Path executable) {
        this.executable = executable;
    }

    /** The shellcheck on the PATH, if there is one. */
    public static Optional<ShellcheckRunner> locate(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "shellcheck");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ShellcheckRunner(candidate));
            }
        }
        return Optional.empty();
    }

    /** The findings for each input, in input order. */
    public List<List<Finding>> check(List<ShellcheckInput> inputs) {
        List<List<Finding>> results = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            results.add(new ArrayList<>());
        }
        if (inputs.isEmpty()) {
            return results;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("jbuild-shellcheck");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for shellcheck input", e);
        }
        try {
            Map<Path, Integer> fileIndex = new HashMap<>();
            Map<String, List<Path>> byDialect = new HashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                Path file = dir.resolve(i + ".sh");
                Files.writeString(file, inputs.get(i).script(), StandardCharsets.UTF_8);
                fileIndex.put(file.toAbsolutePath(), i);
                byDialect.computeIfAbsent(inputs.get(i).dialect(), d -> new ArrayList<>()).add(file);
            }
            List<CompletableFuture<JsonNode>> runs = new ArrayList<>();
            for (Map.Entry<String, List<Path>> e : byDialect.entrySet()) {
                List<Path> files = e.getValue();
                for (int from = 0; from < files.size(); from += BATCH) {
                    List<Path> batch = files.subList(from, Math.min(files.size(), from + BATCH));
                    String dialect = e.getKey();
                    runs.add(CompletableFuture.supplyAsync(() -> run(dialect, batch)));
                }
            }
            for (CompletableFuture<JsonNode> run : runs) {
                JsonNode output = run.join();
                for (JsonNode comment : output.path("comments")) {
                    Integer index = fileIndex.get(Path.of(comment.path("file").asText()).toAbsolutePath());
                    if (index != null) {
                        results.get(index).add(finding(inputs.get(index).file(), comment));
                    }
                }
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shellcheck input", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private JsonNode run(String dialect, List<Path> files) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--format=json1", "--shell=" + dialect,
                "--exclude=" + EXCLUDED));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            int exit = process.waitFor();
            if (exit > 1) {
                throw new IllegalStateException("shellcheck failed with exit code " + exit);
            }
            return out.length == 0 ? JSON.createObjectNode() : JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run shellcheck", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running shellcheck", e);
        }
    }

    private static Finding finding(String file, JsonNode c) {
        String code = "SC" + c.path("code").asInt();
        Severity severity = switch (c.path("level").asText()) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            default -> Severity.INFO;
        };
        int line = c.path("line").asInt(1);
        SourceRange range = new SourceRange(file, line, Math.max(1, c.path("column").asInt(1)), Math.max(line, c.path("endLine").asInt(line)));
        return new Finding(code, severity, c.path("message").asText(), range, "https://www.shellcheck.net/wiki/" + code);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the lint run for
        }
    }
}
