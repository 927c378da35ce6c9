package dev.jbuild.cli.registry;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.registry.Registries;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild logout REGISTRY}: removes the stored credentials, as {@code docker logout}. */
public final class LogoutCommand implements CliCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("logout", "Log out from a registry.");
        spec.addPositional(Args.optional(0, "REGISTRY").description("Registry host[:port] (default: Docker Hub).").build());
        return spec;
    }

    private final String registry;

    public LogoutCommand(ParsedArgs args) {
        this.registry = args.positional(0);
    }

    @Override
    public int call(Context context) throws IOException {
        String domain = LoginCommand.domain(registry);
        try (Registries registries = new RegistryOptions().registries(context)) {
            boolean had = registries.logout(domain);
            context.out().println(had ? "Removing login credentials for " + domain
                    : "Not logged in to " + domain);
        }
        return ExitCode.OK;
    }
}
