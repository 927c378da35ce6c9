package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * COPY: copies files from the context, a stage, an image or heredocs.
 *
 * @param sources the source words that are not heredocs, unexpanded
 * @param heredocs the heredocs used as sources, each becoming a file named after its delimiter
 * @param destination the last argument, unexpanded
 * @param from {@code --from} as written (stage name, index, named context or image), or null
 * @param chown {@code --chown}, or null
 * @param chmod {@code --chmod} (octal or symbolic, checked unless it holds a variable), or null
 * @param parents {@code --parents}: keep the source path below {@code /./}
 * @param excludes {@code --exclude} patterns in order, never expanded
 */
public record Copy(
        List<String> sources,
        List<Heredoc> heredocs,
        String destination,
        String from,
        String chown,
        String chmod,
        boolean link,
        boolean parents,
        List<String> excludes,
        SourceRange range)
        implements Instruction {
    public Copy {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String name() {
        return "COPY";
    }
}
