package dev.jbuild.cli.registry;

import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.registry.Credentials;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistryHost;
import java.io.Console;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;
import java.nio.charset.StandardCharsets;

/**
 * {@code jbuild login [-u USER] [--password-stdin] REGISTRY}: checks the credentials against the
 * registry and writes them to Docker's config.json (or its credential helper), as {@code docker login}.
 * The password is read from stdin or, on a terminal, typed without echo; never from the command line.
 */
public final class LoginCommand implements CliCommand {
    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("login", "Log in to a registry.");
        Commands.options(spec,
                Args.value("USER", "-u", "--username").description("User name (asked for on a terminal when missing)."),
                Args.flag("--password-stdin").description("Read the password (or token) from stdin."),
                RegistryOptions.registryCa());
        spec.addPositional(Args.optional(0, "REGISTRY").description("Registry host[:port] (default: Docker Hub).").build());
        return spec;
    }

    private final String user;
    private final boolean passwordStdin;
    private final String registry;
    private final RegistryOptions options;

    public LoginCommand(ParsedArgs args) {
        this.user = args.value("--username");
        this.passwordStdin = args.flag("--password-stdin");
        this.registry = args.positional(0);
        this.options = new RegistryOptions(args);
    }

    @Override
    public int call(Context context) throws IOException {
        String domain = domain(registry);
        Console console = context.stdin() == System.in ? System.console() : null;
        String username = user;
        if (username == null || username.isEmpty()) {
            if (console == null || passwordStdin) {
                throw new UserError("login needs a user name: pass -u USER");
            }
            username = console.readLine("Username: ");
        }
        String password;
        if (passwordStdin) {
            password = new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
        } else if (console != null) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            throw new UserError("cannot ask for a password without a terminal: pipe it in with --password-stdin");
        }
        if (password.isEmpty()) {
            throw new UserError("the password is empty");
        }
        try (Registries registries = options.registries(context)) {
            registries.login(domain, new Credentials(username, password));
        }
        context.out().println("Login Succeeded");
        return ExitCode.OK;
    }

    /** {@code docker.io} for none; a URL's host part for {@code https://host/...}. */
    static String domain(String registry) {
        if (registry == null || registry.isEmpty()) {
            return RegistryHost.DOCKER_HUB;
        }
        String host = registry.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        return host.equals("index.docker.io") || host.equals(RegistryHost.DOCKER_HUB_API) ? RegistryHost.DOCKER_HUB
                : host;
    }
}
