package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * ADD: copies local files, URLs or git repositories, unpacking local archives.
 *
 * @param sources the source words that are not heredocs, unexpanded
 * @param heredocs the heredocs used as sources, each becoming a file named after its delimiter
 * @param destination the last argument, unexpanded
 * @param chown {@code --chown}, or null
 * @param chmod {@code --chmod} (octal or symbolic, checked unless it holds a variable), or null
 * @param excludes {@code --exclude} patterns in order, never expanded
 * @param checksum {@code --checksum}, or null
 * @param unpack {@code --unpack} when given, else null (BuildKit then decides by source kind)
 */
public record Add(
        List<String> sources,
        List<Heredoc> heredocs,
        String destination,
        String chown,
        String chmod,
        boolean link,
        List<String> excludes,
        boolean keepGitDir,
        String checksum,
        Boolean unpack,
        SourceRange range)
        implements Instruction {
    public Add {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String name() {
        return "ADD";
    }
}
