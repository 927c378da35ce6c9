/**
 * jbuild's command line on picocli's programmatic model: {@link dev.jbuild.cli.spec.Args} declares
 * options and parameters in the few shapes jbuild uses, {@link dev.jbuild.cli.spec.Commands} makes a
 * command with jbuild's help settings, {@link dev.jbuild.cli.spec.ParsedArgs} reads the values of a
 * parsed command.
 *
 * <p>Why the programmatic model and not annotations: reading annotations makes the JDK parse them and
 * define a proxy class per annotation type on every start (measured: 55 ms against 20 ms for the same
 * options built in code). How to add an option or a command: docs/cli.md.
 */
package dev.jbuild.cli.spec;
