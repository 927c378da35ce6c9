/**
 * jbuild's command line layer: commands declare their options in plain code ({@link
 * dev.jbuild.cli.args.CommandSpec}, {@link dev.jbuild.cli.args.OptionSpec}, {@link
 * dev.jbuild.cli.args.PositionalSpec}), {@link dev.jbuild.cli.args.ArgParser} reads a line into typed
 * {@link dev.jbuild.cli.args.ParsedArgs}, and {@link dev.jbuild.cli.args.HelpRenderer} prints help.
 *
 * <p>Why its own: a fully cached build must finish well within 0.2 s including JVM start, and a general
 * command line library that models commands from annotations by reflection costs tens of milliseconds
 * on every run. Nothing here uses reflection, annotations or proxies, and the start-up path avoids
 * lambdas (their first use bootstraps method-handle machinery).
 */
package dev.jbuild.cli.args;
