package dev.jbuild.cli.registry;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistryException;
import java.io.IOException;

/** {@code jbuild logout REGISTRY}: removes the stored credentials, as {@code docker logout}. */
public final class LogoutCommand implements CliCommand {
    static final PositionalSpec REGISTRY = PositionalSpec.optional("REGISTRY")
            .withDescription("Registry host[:port] (default: Docker Hub).");

    public static final CommandSpec SPEC = CommandSpec.of("logout", "Log out from a registry.")
            .withPositionals(REGISTRY);

    private final String registry;

    public LogoutCommand(ParsedArgs args) {
        this.registry = args.positional(REGISTRY);
    }

    @Override
    public int call(Context context) throws IOException {
        String domain = LoginCommand.domain(registry);
        try (Registries registries = new RegistryOptions().registries(context)) {
            boolean had = registries.logout(domain);
            context.out().println(had ? "Removing login credentials for " + domain
                    : "Not logged in to " + domain);
        } catch (RegistryException e) {
            throw new UserError(e.getMessage(), e);
        }
        return ExitCode.OK;
    }
}
