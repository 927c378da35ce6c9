package dev.jbuild.builder.frontend;

import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.ignore.DockerIgnoreSyntaxException;
import dev.jbuild.parser.ignore.IgnoreFiles;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The front half every command shares: the context (a directory, a tar on stdin, or none), the Dockerfile
 * ({@code -f}, stdin or {@code CONTEXT/Dockerfile}), its {@code .dockerignore}, and the one parse into the
 * instruction graph with the build's arguments and target. {@code build}, {@code build --check}, {@code parse}
 * and {@code lint} read a Dockerfile only through here, so they cannot disagree about which file, which
 * ignore rules or what the file means.
 */
public final class Frontend {
    private Frontend() {}

    /**
     * @throws FrontendException no context directory, no Dockerfile, stdin asked for twice, a context tar that
     *     is unsafe to unpack
     */
    public static FrontendResult read(FrontendRequest request) {
        Path unpacked = null;
        try {
            Path contextDir = null;
            Path ignoreRoot = null;
            Dockerfile dockerfile = null;
            if (request.context() instanceof ContextSource.Directory directory) {
                if (!Files.isDirectory(directory.path())) {
                    throw new FrontendException("unable to prepare context: path \"" + directory.path() + "\" not found");
                }
                contextDir = directory.path().toAbsolutePath();
                ignoreRoot = directory.path();
            } else if (request.context() instanceof ContextSource.Stdin) {
                if ("-".equals(request.dockerfile())) {
                    throw new FrontendException("cannot read both the Dockerfile (-f -) and the context (-) from stdin");
                }
                byte[] bytes = readStdin(request.stdin(), "the context");
                if (StdinContext.isTar(bytes)) {
                    unpacked = Files.createTempDirectory("jbuild-context");
                    contextDir = StdinContext.unpack(bytes, unpacked.resolve("context"));
                    ignoreRoot = contextDir;
                } else {
                    dockerfile = new Dockerfile("-", null, new String(bytes, StandardCharsets.UTF_8));
                }
            } else if (request.context() instanceof ContextSource.None none) {
                ignoreRoot = none.ignoreRoot();
            }
            if (dockerfile == null) {
                dockerfile = Dockerfile.read(request.dockerfile(), ignoreRoot, request.stdin());
            }
            DockerIgnore ignore = DockerIgnore.empty();
            FrontendException ignoreProblem = null;
            if (ignoreRoot != null) {
                try {
                    ignore = ignoreRules(ignoreRoot, dockerfile.path() != null ? dockerfile.path() : ignoreRoot.resolve("Dockerfile"));
                } catch (FrontendException e) {
                    ignore = null;
                    ignoreProblem = e;
                }
            }
            InstructionGraph graph = null;
            DockerfileSyntaxException syntaxError = null;
            try {
                graph = GraphBuilder.analyse(SyntaxParser.parse(dockerfile.text(), dockerfile.name()), request.buildArgs(),
                        request.target());
            } catch (DockerfileSyntaxException e) {
                syntaxError = e;
            }
            FrontendResult result = new FrontendResult(dockerfile.name(), dockerfile.path(), dockerfile.text(), contextDir,
                    unpacked, ignore, ignoreProblem, graph, syntaxError);
            unpacked = null; // the result owns it now
            return result;
        } catch (IOException e) {
            throw new FrontendException("unable to prepare context: " + e.getMessage(), e);
        } finally {
            if (unpacked != null) {
                try {
                    FileTrees.delete(unpacked);
                } catch (IOException e) {
                    // a temporary copy: the error being thrown is what the user needs
                }
            }
        }
    }

    /** Docker's rule: {@code <Dockerfile>.dockerignore} beside the Dockerfile wins over the context's {@code .dockerignore}. */
    private static DockerIgnore ignoreRules(Path root, Path dockerfile) {
        Optional<Path> file = IgnoreFiles.locate(root, dockerfile);
        if (file.isEmpty()) {
            return DockerIgnore.empty();
        }
        String text;
        try {
            text = Files.readString(file.get());
        } catch (IOException e) {
            throw new FrontendException("cannot read " + file.get() + ": " + e.getMessage(), e);
        }
        try {
            return DockerIgnore.parse(text);
        } catch (DockerIgnoreSyntaxException e) {
            String prefix = "line " + e.lineNumber() + ": ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new FrontendException(file.get() + ":" + e.lineNumber() + ": " + problem, e);
        }
    }

    private static byte[] readStdin(InputStream stdin, String what) {
        if (stdin == null) {
            throw new FrontendException("cannot read " + what + " from stdin: there is none");
        }
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw new FrontendException("cannot read " + what + " from stdin: " + e.getMessage(), e);
        }
    }

    /**
     * Where the Dockerfile comes from: {@code -f FILE} (relative to the working directory, as with docker),
     * {@code -f -} for stdin, else {@code DIR/Dockerfile} in the context (or the working directory).
     */
    private record Dockerfile(String name, Path path, String text) {

        static Dockerfile read(String fileOption, Path dir, InputStream stdin) {
            if ("-".equals(fileOption)) {
                return new Dockerfile("-", null, new String(readStdin(stdin, "the Dockerfile"), StandardCharsets.UTF_8));
            }
            Path path = fileOption != null ? Path.of(fileOption) : (dir != null ? dir : Path.of(".")).resolve("Dockerfile");
            String name = fileOption != null ? fileOption : path.normalize().toString();
            try {
                return new Dockerfile(name, path, Files.readString(path, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                throw new FrontendException("cannot read Dockerfile " + name + ": no such file");
            } catch (MalformedInputException e) {
                return new Dockerfile(name, path, lenient(path, name)); // BuildKit reads bytes; invalid UTF-8 is replaced
            } catch (IOException e) {
                throw new FrontendException("cannot read Dockerfile " + name + ": " + e.getMessage(), e);
            }
        }

        private static String lenient(Path path, String name) {
            try {
                return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new FrontendException("cannot read Dockerfile " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
