package dev.jbuild.cli.registry;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.RegistrySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code --registry-ca FILE}: what every command that talks to a registry accepts, and the settings it makes. */
public final class RegistryOptions {
    public static final OptionSpec<Path> REGISTRY_CA = OptionSpec.list(Converters.PATH, "--registry-ca")
            .withLabel("FILE")
            .withDescription("Also trust this CA certificate (PEM) for registries; repeatable. Per-registry CAs are "
                    + "read from /etc/docker/certs.d/HOST:PORT/ca.crt.");

    private final List<Path> cas;

    public RegistryOptions(ParsedArgs args) {
        this.cas = args.values(REGISTRY_CA);
    }

    /** For commands without the option (logout). */
    public RegistryOptions() {
        this.cas = List.of();
    }

    /** The settings file, Docker's credentials, and the CAs given. */
    public Registries registries(Context context) throws IOException {
        try {
            return new Registries(RegistrySettings.load(context.env()).withExtraCas(cas));
        } catch (RegistryException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
