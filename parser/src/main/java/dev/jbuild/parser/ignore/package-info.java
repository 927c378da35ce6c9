/**
 * Docker's file-selection patterns: Go {@code filepath.Match} globs ({@link dev.jbuild.parser.ignore.GlobPattern},
 * also used for {@code COPY}/{@code ADD} source wildcards), {@code .dockerignore} rules
 * ({@link dev.jbuild.parser.ignore.DockerIgnore}) and which ignore file applies to a build
 * ({@link dev.jbuild.parser.ignore.IgnoreFiles}). Pure: the only file-system access is
 * {@code IgnoreFiles} checking which files exist.
 *
 * <p>Docker turns {@code .dockerignore} patterns into Go regular expressions by copying most of the
 * pattern text through, so a few spellings behave in Docker as regex syntax rather than as
 * {@code filepath.Match} syntax. jbuild deliberately gives them their {@code filepath.Match}
 * meaning, which is what Docker documents:
 * <ul>
 *   <li>an escaped letter such as {@code \d}, {@code \w}, {@code \s} or {@code \b} is that letter
 *       (Docker: a digit / word / space class or a word boundary);</li>
 *   <li>inside brackets, {@code *}, {@code ?}, {@code **} and POSIX names like {@code [[:digit:]]} are
 *       ordinary characters (Docker: the class text is rewritten or read as a POSIX class);</li>
 *   <li>an unbracketed {@code ^} is an ordinary character (Docker: an anchor, so a pattern with
 *       both {@code ^} and a wildcard never matches).</li>
 * </ul>
 * Docker's deliberate-looking quirks are reproduced: {@code **} at the start of a pattern with no
 * other wildcard is an "ends with" test ({@code **.txt} covers {@code a/b/notes.txt}); {@code foo/**}
 * does not cover {@code foo} itself; the pattern {@code .} matches nothing; a bare {@code !} (also
 * {@code !/}) is an error.
 */
package dev.jbuild.parser.ignore;
