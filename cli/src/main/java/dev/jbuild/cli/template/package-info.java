/**
 * Go's text/template for {@code --format} and {@code -f}: Docker scripts write Go templates
 * ({@code {{.Id}}}, {@code {{index .Config.Labels "k"}}}, {@code {{json .Config}}}, {@code {{range}}}),
 * and no maintained Java implementation is on Maven Central (gotemplate4j says it is not for
 * production; gotmpl4j is not served), so this is a small evaluator over JSON trees: the parser, the
 * execution, Go's builtin functions and the Docker CLI's ({@code json join split upper lower title pad
 * truncate}), named templates ({@code define}, {@code template}, {@code block}), and Go's way of printing values.
 */
package dev.jbuild.cli.template;
