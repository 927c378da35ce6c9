package dev.jbuild.cli;

import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.builder.frontend.ContextSource;
import dev.jbuild.builder.frontend.FrontendRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The options that say which Dockerfile to read and how to resolve it, shared by build and parse. */
final class DockerfileOptions {
    static void addTo(CommandSpec spec) {
        spec.addOption(Args.file("FILE", "-f", "--file")
                .description("The Dockerfile: any name, inside or outside the context, or '-' for stdin "
                        + "(default: CONTEXT/Dockerfile).").build());
        spec.addOption(Args.list("KEY[=VALUE]", "--build-arg")
                .description("Set a build argument; KEY alone takes the value from the environment.").build());
        spec.addOption(Args.value("STAGE", "--target")
                .description("Build this stage and what it needs (default: the last stage).").build());
    }

    final String file;
    private final List<String> buildArgs;
    private final String target;

    DockerfileOptions(ParsedArgs args) {
        this.file = args.value("--file");
        this.buildArgs = args.values("--build-arg");
        this.target = args.value("--target");
    }

    /** What the front half reads for this command: the Dockerfile these options name, in {@code source}. */
    FrontendRequest request(Context context, ContextSource source) {
        return new FrontendRequest(source, file, buildArgMap(context.env()), target, context.stdin());
    }

    /** Docker's rule: {@code --build-arg KEY} takes KEY from the environment, and is dropped when unset there. */
    Map<String, String> buildArgMap(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int eq = arg.indexOf('=');
            if (eq == 0) {
                throw new UserError("invalid --build-arg \"" + arg + "\": the name is empty");
            }
            if (eq > 0) {
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (env.containsKey(arg)) {
                values.put(arg, env.get(arg));
            }
        }
        return values;
    }
}
