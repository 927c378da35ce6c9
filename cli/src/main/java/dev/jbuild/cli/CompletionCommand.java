package dev.jbuild.cli;

import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild completion bash|zsh|fish}: a shell completion script for jbuild on stdout. */
final class CompletionCommand implements CliCommand {

    enum Shell { bash, zsh, fish }

    static CommandSpec spec() {
        CommandSpec spec = Commands.command("completion",
                "Print a shell completion script: bash, zsh or fish.",
                "bash: source <(jbuild completion bash), or save it as /etc/bash_completion.d/jbuild.",
                "zsh: source <(jbuild completion zsh) in ~/.zshrc.",
                "fish: jbuild completion fish > ~/.config/fish/completions/jbuild.fish.");
        spec.addPositional(Args.required(0, "SHELL").type(Shell.class).converters(Converters.oneOf(Shell.values()))
                .description("bash, zsh or fish.").build());
        return spec;
    }

    private final CommandSpec root;
    private final Shell shell;

    CompletionCommand(ParsedArgs args) {
        this.root = args.spec().root();
        this.shell = args.positional(0);
    }

    @Override
    public int call(Context context) {
        context.out().print(shell == Shell.fish ? CompletionScripts.fish(root) : CompletionScripts.bash(root));
        return ExitCode.OK;
    }
}
