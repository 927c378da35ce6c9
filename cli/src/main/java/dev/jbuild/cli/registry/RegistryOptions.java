package dev.jbuild.cli.registry;

import dev.jbuild.cli.Context;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistrySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code --registry-ca FILE}: what every command that talks to a registry accepts, and the settings it makes. */
public final class RegistryOptions {
    /** The option, for the model of every command that talks to a registry. */
    public static picocli.CommandLine.Model.OptionSpec.Builder registryCa() {
        return Args.list(Path.class, Converters.PATH, "FILE", "--registry-ca")
                .description("Also trust this CA certificate (PEM) for registries; repeatable. Per-registry CAs are "
                        + "read from /etc/docker/certs.d/HOST:PORT/ca.crt.");
    }

    private final List<Path> cas;

    public RegistryOptions(ParsedArgs args) {
        this.cas = args.values("--registry-ca");
    }

    /** For commands without the option (logout). */
    public RegistryOptions() {
        this.cas = List.of();
    }

    /** The settings file, Docker's credentials, and the CAs given. */
    public Registries registries(Context context) throws IOException {
        return new Registries(RegistrySettings.load(context.env()).withExtraCas(cas));
    }
}
