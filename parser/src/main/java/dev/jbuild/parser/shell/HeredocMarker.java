package dev.jbuild.parser.shell;

/**
 * A heredoc marker found on an instruction line, such as {@code 3<<-"EOF"}.
 *
 * @param name the terminator word, quotes removed
 * @param fileDescriptor the digits before {@code <<}, 0 when there are none
 * @param expand false when any part of the terminator was quoted, so the body is used verbatim
 * @param chomp true for {@code <<-}: leading tabs are stripped from the body when it is used
 */
public record HeredocMarker(String name, int fileDescriptor, boolean expand, boolean chomp) {
}
