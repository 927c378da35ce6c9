/*
 * Physical-line structure of a Dockerfile, as BuildKit reads it.
 *
 * The syntax is context-sensitive in three ways, each handled by a lexer mode:
 *  - DEFAULT_MODE reads "head" lines: blank lines, comments (and parser directives at the top) and the
 *    first line of an instruction.
 *  - CONTINUATION reads the lines that follow a line ending in the escape character: comment lines and
 *    blank lines are dropped there, everything else is appended to the logical line.
 *  - HEREDOC_BODY reads here-document bodies verbatim until each terminator.
 * The escape character can be changed by the `# escape=` directive while lexing, and whether a heredoc
 * follows depends on the whole logical line; both live in DockerfileLexerBase.
 */
lexer grammar DockerfileLexer;

options { superClass = DockerfileLexerBase; }

tokens { HEREDOC_OPEN, HEREDOC_END }

// ---- head lines --------------------------------------------------------------------------------

HEAD_COMMENT : WS* '#' ~[\n]* { onHeadComment(); } ;
HEAD_WS      : WS+ -> skip ;
NEWLINE      : '\n' { onHeadNewline(); } ;
HEAD_TEXT    : ~[\n#\t\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] ~[\n]*
               { onInstructionLine(); } ;

// ---- lines inside a continuation ---------------------------------------------------------------

mode CONTINUATION;

CONT_NEWLINE : '\n' { onContinuationNewline(); } -> skip ;
CONT_COMMENT : WS* '#' ~[\n]* { onContinuationSkipped(false); } -> skip ;
CONT_BLANK   : WS+ { onContinuationSkipped(true); } -> skip ;
CONT_TEXT    : ~[\n]+ { onContinuationLine(); } ;

// ---- here-document bodies ----------------------------------------------------------------------

mode HEREDOC_START;

HEREDOC_NEWLINE : '\n' -> type(HEREDOC_OPEN), mode(HEREDOC_BODY) ;

mode HEREDOC_BODY;

HEREDOC_LINE : (~[\n]+ '\n'? | '\n') { onHeredocLine(); } ;

// ---- fragments ---------------------------------------------------------------------------------

fragment WS : [\t\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] ;
