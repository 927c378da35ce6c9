package dev.jbuild.parser.ignore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreFilesTest {
    @TempDir
    Path context;

    @Test
    void dockerfileSpecificIgnoreFileTakesPrecedenceOverTheContextOne() throws IOException {
        Path dockerfile = write("Dockerfile.test", "FROM scratch\n");
        Path specific = write("Dockerfile.test.dockerignore", "*.md\n");
        write(".dockerignore", "*.txt\n");

        assertEquals(Optional.of(specific), IgnoreFiles.locate(context, dockerfile));
    }

    @Test
    void contextIgnoreFileIsUsedWhenTheDockerfileHasNoneOfItsOwn() throws IOException {
        Path dockerfile = write("Dockerfile.test", "FROM scratch\n");
        write("Dockerfile.dockerignore", "belongs to another Dockerfile\n");
        Path shared = write(".dockerignore", "*.txt\n");

        assertEquals(Optional.of(shared), IgnoreFiles.locate(context, dockerfile));
    }

    @Test
    void noIgnoreFileMeansNone() throws IOException {
        Path dockerfile = write("Dockerfile", "FROM scratch\n");

        assertEquals(Optional.empty(), IgnoreFiles.locate(context, dockerfile));
    }

    @Test
    void specificFileIsLookedUpBesideADockerfileInASubdirectory() throws IOException {
        Path dockerfile = write("build/app.Dockerfile", "FROM scratch\n");
        Path specific = write("build/app.Dockerfile.dockerignore", "docs\n");
        write(".dockerignore", "*.txt\n");
        write("app.Dockerfile.dockerignore", "wrong directory\n");

        assertEquals(Optional.of(specific), IgnoreFiles.locate(context, dockerfile));
    }

    @Test
    void specificFileIsFoundBesideADockerfileOutsideTheContext(@TempDir Path elsewhere) throws IOException {
        Path dockerfile = Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        Path specific = Files.writeString(elsewhere.resolve("Dockerfile.dockerignore"), "*\n");
        write(".dockerignore", "*.txt\n");

        assertEquals(Optional.of(specific), IgnoreFiles.locate(context, dockerfile));
    }

    @Test
    void directoriesWithIgnoreFileNamesAreNotIgnoreFiles() throws IOException {
        Path dockerfile = write("Dockerfile", "FROM scratch\n");
        Files.createDirectories(context.resolve("Dockerfile.dockerignore"));
        Files.createDirectories(context.resolve(".dockerignore"));

        assertEquals(Optional.empty(), IgnoreFiles.locate(context, dockerfile));
    }

    @Test
    void locatedRulesFilterARealContextTree() throws IOException {
        write("Dockerfile.test", "FROM scratch\n");
        write(".dockerignore", "src\n");
        write("Dockerfile.test.dockerignore", """
                # keep sources, drop everything bulky
                node_modules
                !node_modules/keep/package.json
                **/*.log
                docs/*.md
                !docs/README.md
                /target/
                """);
        write("src/main.go", "package main\n");
        write("src/debug.log", "x\n");
        write("debug.log", "x\n");
        write("docs/README.md", "x\n");
        write("docs/guide.md", "x\n");
        write("docs/api/ref.md", "x\n");
        write("node_modules/left-pad/index.js", "x\n");
        write("node_modules/keep/package.json", "{}\n");
        write("node_modules/keep/index.js", "x\n");
        write("target/app.jar", "x\n");

        Path ignoreFile = IgnoreFiles.locate(context, context.resolve("Dockerfile.test")).orElseThrow();
        DockerIgnore rules = DockerIgnore.parse(Files.readString(ignoreFile));

        assertEquals(new TreeSet<>(Set.of(
                ".dockerignore", "Dockerfile.test", "Dockerfile.test.dockerignore",
                "src/main.go", "docs/README.md", "docs/api/ref.md",
                "node_modules/keep/package.json")), includedFiles(rules));
    }

    @Test
    void fallbackRulesFilterARealContextTree() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        write("Dockerfile.test.dockerignore", "src\n");
        write(".dockerignore", "*\n!src\nsrc/*.log\n");
        write("src/main.go", "package main\n");
        write("src/debug.log", "x\n");
        write("notes.txt", "x\n");

        Path ignoreFile = IgnoreFiles.locate(context, context.resolve("Dockerfile")).orElseThrow();
        DockerIgnore rules = DockerIgnore.parse(Files.readString(ignoreFile));

        assertEquals(new TreeSet<>(Set.of("src/main.go")), includedFiles(rules));
    }

    /** A minimal context walker: skips excluded directories unless an exception may reach inside. */
    private Set<String> includedFiles(DockerIgnore rules) throws IOException {
        Set<String> included = new TreeSet<>();
        Files.walkFileTree(context, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String relative = relative(dir);
                if (!relative.isEmpty() && rules.isExcluded(relative) && !rules.mayContainIncludedFiles(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = relative(file);
                if (!rules.isExcluded(relative)) {
                    included.add(relative);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return included;
    }

    private String relative(Path path) {
        return context.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private Path write(String relativePath, String content) throws IOException {
        Path file = context.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
