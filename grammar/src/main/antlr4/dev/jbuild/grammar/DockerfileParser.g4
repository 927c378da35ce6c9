/*
 * A Dockerfile is a sequence of instructions separated by blank lines and comments. An instruction is a
 * head line, the lines that continue it, and the bodies of the here-documents it opens.
 */
parser grammar DockerfileParser;

options { tokenVocab = DockerfileLexer; }

dockerfile  : (instruction | HEAD_COMMENT | NEWLINE)* EOF ;

instruction : HEAD_TEXT CONT_TEXT* heredocs? ;

heredocs    : HEREDOC_OPEN heredoc+ ;

heredoc     : HEREDOC_LINE* HEREDOC_END ;
