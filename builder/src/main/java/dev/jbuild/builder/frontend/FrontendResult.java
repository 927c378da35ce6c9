package dev.jbuild.builder.frontend;

import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Dockerfile and its context as the front half read them: the text, the context directory, the ignore
 * rules and the instruction graph (syntax tree included), each with what went wrong, so that each reader
 * takes what it needs (a build requires everything; lint reports a syntax error as a finding and an unusable
 * {@code .dockerignore} as a notice). Closing it removes a context unpacked from stdin.
 */
public final class FrontendResult implements AutoCloseable {
    private final String dockerfileName;
    private final Path dockerfilePath;
    private final String text;
    private final Path contextDir;
    private final Path unpackedContext;
    private final DockerIgnore ignore;
    private final FrontendException ignoreProblem;
    private final InstructionGraph graph;
    private final DockerfileSyntaxException syntaxError;

    FrontendResult(String dockerfileName, Path dockerfilePath, String text, Path contextDir, Path unpackedContext,
            DockerIgnore ignore, FrontendException ignoreProblem, InstructionGraph graph, DockerfileSyntaxException syntaxError) {
        this.dockerfileName = dockerfileName;
        this.dockerfilePath = dockerfilePath;
        this.text = text;
        this.contextDir = contextDir;
        this.unpackedContext = unpackedContext;
        this.ignore = ignore;
        this.ignoreProblem = ignoreProblem;
        this.graph = graph;
        this.syntaxError = syntaxError;
    }

    /** The name errors and findings use: the {@code -f} value as typed, {@code CONTEXT/Dockerfile}, or {@code -}. */
    public String dockerfileName() {
        return dockerfileName;
    }

    /** The Dockerfile's path, or empty when it came from stdin. */
    public Optional<Path> dockerfilePath() {
        return Optional.ofNullable(dockerfilePath);
    }

    public String text() {
        return text;
    }

    /** The context directory (absolute), or empty when the build has none ({@code build - < Dockerfile}, parse, lint). */
    public Optional<Path> contextDir() {
        return Optional.ofNullable(contextDir);
    }

    /**
     * The ignore rules: {@code <Dockerfile>.dockerignore} beside the Dockerfile, else the context's
     * {@code .dockerignore}, else none (empty rules).
     *
     * @throws FrontendException when the file cannot be read or has an invalid line (said with file and line)
     */
    public DockerIgnore ignore() {
        if (ignoreProblem != null) {
            throw ignoreProblem;
        }
        return ignore;
    }

    /** Why the ignore file is unusable, for a reader that goes on without it. */
    public Optional<FrontendException> ignoreProblem() {
        return Optional.ofNullable(ignoreProblem);
    }

    /**
     * The graph as the file is ({@link dev.jbuild.parser.graph.GraphBuilder#analyse}): the caller asks it for
     * the guarantee it needs ({@code requireBuildable()}, {@code requireValid()}).
     *
     * @throws DockerfileSyntaxException when the file does not parse at all (file:line:col)
     */
    public InstructionGraph graph() {
        if (syntaxError != null) {
            throw syntaxError;
        }
        return graph;
    }

    /** Why the file does not parse, for a reader that reports it rather than stops (lint). */
    public Optional<DockerfileSyntaxException> syntaxError() {
        return Optional.ofNullable(syntaxError);
    }

    @Override
    public void close() {
        if (unpackedContext != null) {
            try {
                FileTrees.delete(unpackedContext);
            } catch (IOException e) {
                // a temporary copy of the user's context: nothing they asked for is lost
            }
        }
    }
}
