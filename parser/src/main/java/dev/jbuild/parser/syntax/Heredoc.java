package dev.jbuild.parser.syntax;

/**
 * One here-document attached to a RUN, COPY or ADD line.
 *
 * @param name the terminator word, quotes removed
 * @param fileDescriptor the descriptor written before {@code <<} (0 when none was written)
 * @param expand false when the terminator was quoted, which turns variable expansion off
 * @param chomp true for {@code <<-}: leading tabs are stripped when the content is used
 * @param content the body lines verbatim with their line endings, terminator line excluded
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {}
