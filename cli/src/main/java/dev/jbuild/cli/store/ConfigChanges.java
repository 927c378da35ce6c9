package dev.jbuild.cli.store;

import dev.jbuild.cli.UserError;
import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.HealthConfig;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.instructions.Cmd;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Entrypoint;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.Expose;
import dev.jbuild.parser.instructions.From;
import dev.jbuild.parser.instructions.Healthcheck;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.InstructionParser;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Label;
import dev.jbuild.parser.instructions.Onbuild;
import dev.jbuild.parser.instructions.Stopsignal;
import dev.jbuild.parser.instructions.User;
import dev.jbuild.parser.instructions.Volume;
import dev.jbuild.parser.instructions.Workdir;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.VariableLookup;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code import --change}: Dockerfile instructions that edit the image config, as Docker's
 * {@code BuildFromConfig} applies them. Only the instructions Docker accepts there are allowed;
 * values of ENV, LABEL, EXPOSE, USER, WORKDIR, VOLUME and STOPSIGNAL are expanded against the
 * image's environment; a shell-form CMD or ENTRYPOINT runs in the image's SHELL, {@code /bin/sh -c}
 * by default; ENTRYPOINT clears CMD unless a CMD is among the changes.
 */
final class ConfigChanges {
    private static final Set<String> ALLOWED = Set.of("cmd", "entrypoint", "env", "expose", "healthcheck", "label",
            "onbuild", "stopsignal", "user", "volume", "workdir");
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final ShellExpander EXPANDER = new ShellExpander('\\');

    private ConfigChanges() {
    }

    /** Parses every change now (so that a bad one fails before any work) into one config edit. */
    static UnaryOperator<ImageConfig> parse(List<String> changes) {
        List<Instruction> instructions = new ArrayList<>();
        for (String change : changes) {
            List<Instruction> parsed;
            try {
                parsed = InstructionParser.parseAll(SyntaxParser.parse("FROM scratch\n" + change + "\n", "--change"));
            } catch (DockerfileSyntaxException e) {
                throw new UserError("invalid --change '" + change + "': " + e.getMessage(), e);
            }
            for (Instruction instruction : parsed) {
                if (instruction instanceof From) {
                    continue;
                }
                String keyword = instruction.name().toLowerCase(Locale.ROOT);
                if (!ALLOWED.contains(keyword)) {
                    throw new UserError(keyword + " is not a valid change command");
                }
                instructions.add(instruction);
            }
        }
        return config -> apply(config, instructions);
    }

    private static ImageConfig apply(ImageConfig config, List<Instruction> instructions) {
        ContainerConfig run = config.config();
        boolean cmdSet = false;
        for (Instruction instruction : instructions) {
            if (instruction instanceof Cmd cmd) {
                run = run.withCmd(commandLine(cmd.command(), run));
                cmdSet = true;
            } else if (instruction instanceof Entrypoint entrypoint) {
                run = run.withEntrypoint(commandLine(entrypoint.command(), run));
                if (!cmdSet) {
                    run = run.withCmd(List.of());
                }
            } else if (instruction instanceof Env env) {
                for (KeyValue variable : env.variables()) {
                    run = run.withEnvVariable(expand(variable.key(), run), expand(variable.value(), run));
                }
            } else if (instruction instanceof Label label) {
                Map<String, String> labels = new LinkedHashMap<>(run.labels());
                for (KeyValue entry : label.labels()) {
                    labels.put(expand(entry.key(), run), expand(entry.value(), run));
                }
                run = run.withLabels(labels);
            } else if (instruction instanceof Expose expose) {
                List<String> ports = new ArrayList<>(run.exposedPorts());
                for (String spec : expose.ports()) {
                    ports.addAll(portSpecs(expand(spec, run)));
                }
                run = run.withExposedPorts(ports);
            } else if (instruction instanceof User user) {
                run = run.withUser(expand(user.user(), run));
            } else if (instruction instanceof Workdir workdir) {
                run = run.withWorkingDir(workingDir(run.workingDir(), expand(workdir.path(), run)));
            } else if (instruction instanceof Volume volume) {
                List<String> volumes = new ArrayList<>(run.volumes());
                for (String path : volume.paths()) {
                    String expanded = expand(path, run);
                    if (expanded.isEmpty()) {
                        throw new UserError("VOLUME specified can not be an empty string");
                    }
                    volumes.add(expanded);
                }
                run = run.withVolumes(volumes);
            } else if (instruction instanceof Stopsignal stop) {
                run = run.withStopSignal(expand(stop.signal(), run));
            } else if (instruction instanceof Healthcheck health) {
                run = run.withHealthcheck(healthConfig(health));
            } else if (instruction instanceof Onbuild onbuild) {
                List<String> triggers = new ArrayList<>(run.onBuild());
                triggers.add(onbuild.expression());
                run = run.withOnBuild(triggers);
            }
        }
        return config.withConfig(run);
    }

    private static List<String> commandLine(Command command, ContainerConfig run) {
        if (command instanceof Command.ExecForm exec) {
            return exec.argv();
        }
        List<String> line = new ArrayList<>(run.shell().isEmpty() ? DEFAULT_SHELL : run.shell());
        line.add(((Command.ShellForm) command).script());
        return line;
    }

    private static HealthConfig healthConfig(Healthcheck health) {
        if (health.isNone()) {
            return new HealthConfig(List.of("NONE"), null, null, null, null, 0);
        }
        List<String> test = new ArrayList<>();
        if (health.command() instanceof Command.ExecForm exec) {
            test.add("CMD");
            test.addAll(exec.argv());
        } else {
            test.add("CMD-SHELL");
            test.add(((Command.ShellForm) health.command()).script());
        }
        return new HealthConfig(test, health.interval(), health.timeout(), health.startPeriod(),
                health.startInterval(), health.retries() == null ? 0 : health.retries());
    }

    /** Docker's WORKDIR: a relative path continues the current one, and the result is cleaned. */
    static String workingDir(String current, String path) {
        String joined = path.startsWith("/") ? path : (current.isEmpty() ? "/" : current) + "/" + path;
        String cleaned = Path.of(joined).normalize().toString();
        return cleaned.isEmpty() ? "/" : cleaned;
    }

    /** {@code 80} is {@code 80/tcp}; {@code 8000-8002/udp} is three ports. */
    static List<String> portSpecs(String spec) {
        int slash = spec.indexOf('/');
        String ports = slash < 0 ? spec : spec.substring(0, slash);
        String protocol = slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
        int dash = ports.indexOf('-');
        int first;
        int last;
        try {
            first = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
            last = dash < 0 ? first : Integer.parseInt(ports.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new UserError("invalid containerPort: " + ports);
        }
        if (first < 0 || last > 65535 || last < first) {
            throw new UserError("invalid range specified for container: " + ports);
        }
        List<String> out = new ArrayList<>();
        for (int port = first; port <= last; port++) {
            out.add(port + "/" + protocol);
        }
        return out;
    }

    private static String expand(String word, ContainerConfig run) {
        try {
            return EXPANDER.expandWord(word, VariableLookup.of(run.envMap())).value();
        } catch (ShellExpansionException e) {
            throw new UserError("invalid --change value " + word + ": " + e.getMessage(), e);
        }
    }
}
