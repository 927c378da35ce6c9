package dev.jbuild.builder.dispatch;

import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.HealthConfig;
import dev.jbuild.parser.instructions.Cmd;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Entrypoint;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.Expose;
import dev.jbuild.parser.instructions.Healthcheck;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Label;
import dev.jbuild.parser.instructions.Maintainer;
import dev.jbuild.parser.instructions.Onbuild;
import dev.jbuild.parser.instructions.Shell;
import dev.jbuild.parser.instructions.Stopsignal;
import dev.jbuild.parser.instructions.User;
import dev.jbuild.parser.instructions.Volume;
import dev.jbuild.parser.instructions.Workdir;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The instructions that change only the image config, each as BuildKit's dispatcher does it,
 * with the history entry ({@code empty_layer}) BuildKit writes. A build stage and {@code import --change}
 * ({@link ConfigChanges}) both apply them through here; each passes the expander over its own variables.
 */
final class ConfigInstructions {
    private ConfigInstructions() {
    }

    /**
     * Applies {@code instruction} when it changes only the config (ENV, LABEL, EXPOSE, VOLUME, USER,
     * STOPSIGNAL, HEALTHCHECK, SHELL, CMD, ENTRYPOINT, MAINTAINER, ONBUILD).
     *
     * @param expander over the variables in force before the instruction
     * @return false for any other instruction, left alone
     */
    static boolean apply(Expander expander, ConfigState state, Instruction instruction) {
        if (instruction instanceof Env env) {
            env(expander, state, env);
        } else if (instruction instanceof Label label) {
            label(expander, state, label);
        } else if (instruction instanceof Expose expose) {
            expose(expander, state, expose);
        } else if (instruction instanceof Volume volume) {
            volume(expander, state, volume);
        } else if (instruction instanceof User user) {
            user(expander, state, user);
        } else if (instruction instanceof Stopsignal stopsignal) {
            stopsignal(expander, state, stopsignal);
        } else if (instruction instanceof Healthcheck healthcheck) {
            healthcheck(state, healthcheck);
        } else if (instruction instanceof Shell shell) {
            shell(state, shell);
        } else if (instruction instanceof Cmd cmd) {
            cmd(state, cmd);
        } else if (instruction instanceof Entrypoint entrypoint) {
            entrypoint(state, entrypoint);
        } else if (instruction instanceof Maintainer maintainer) {
            maintainer(state, maintainer);
        } else if (instruction instanceof Onbuild onbuild) {
            onbuild(state, onbuild);
        } else {
            return false;
        }
        return true;
    }

    /** ENV: every value is expanded against the environment before the instruction. */
    static void env(Expander expander, ConfigState state, Env env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue pair : env.variables()) {
            values.put(expander.word(pair.key()), expander.word(pair.value()));
        }
        values.forEach((name, value) -> state.updateRun(run -> run.withEnvVariable(name, value)));
        state.addHistory("ENV" + HistoryText.keyValues(values));
    }

    static void label(Expander expander, ConfigState state, Label label) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue pair : label.labels()) {
            values.put(expander.word(pair.key()), expander.word(pair.value()));
        }
        state.updateRun(run -> {
            Map<String, String> labels = new LinkedHashMap<>(run.labels());
            labels.putAll(values);
            return run.withLabels(labels);
        });
        state.addHistory("LABEL" + HistoryText.keyValues(values));
    }

    static void expose(Expander expander, ConfigState state, Expose expose) {
        TreeSet<String> ports = new TreeSet<>();
        for (String spec : expose.ports()) {
            for (String word : expander.words(spec)) {
                ports.addAll(PortSpecs.parse(word, expander));
            }
        }
        state.updateRun(run -> {
            List<String> all = new ArrayList<>(run.exposedPorts());
            all.addAll(ports);
            return run.withExposedPorts(all);
        });
        state.addHistory("EXPOSE " + HistoryText.portMap(ports));
    }

    static void volume(Expander expander, ConfigState state, Volume volume) {
        List<String> paths = new ArrayList<>();
        for (String raw : volume.paths()) {
            String path = expander.word(raw);
            if (path.isBlank()) {
                throw expander.error("VOLUME specified can not be an empty string");
            }
            paths.add(path);
        }
        state.updateRun(run -> {
            List<String> all = new ArrayList<>(run.volumes());
            all.addAll(paths);
            return run.withVolumes(all);
        });
        state.addHistory("VOLUME " + HistoryText.plainList(paths));
    }

    /** WORKDIR's config half: a relative path continues the current one; the directory itself is a build step. */
    static void workdir(Expander expander, ConfigState state, Workdir workdir) {
        String absolute = RunMounts.absolute(state, expander.word(workdir.path()));
        state.updateRun(run -> run.withWorkingDir(absolute));
    }

    static void user(Expander expander, ConfigState state, User user) {
        String value = expander.word(user.user());
        state.updateRun(run -> run.withUser(value));
        state.addHistory("USER " + value);
    }

    static void stopsignal(Expander expander, ConfigState state, Stopsignal stopsignal) {
        String value = expander.word(stopsignal.signal());
        if (!value.matches("(SIG)?[A-Z0-9+-]+|\\d+")) {
            throw expander.error("Invalid signal: " + value);
        }
        state.updateRun(run -> run.withStopSignal(value));
        state.addHistory("STOPSIGNAL " + value);
    }

    /** HEALTHCHECK is not expanded: its command runs later, in the container's own shell. */
    static void healthcheck(ConfigState state, Healthcheck check) {
        HealthConfig health;
        if (check.isNone()) {
            health = new HealthConfig(List.of("NONE"), null, null, null, null, 0);
        } else {
            List<String> test = new ArrayList<>();
            if (check.command() instanceof Command.ExecForm exec) {
                test.add("CMD");
                test.addAll(exec.argv());
            } else {
                test.add("CMD-SHELL");
                test.add(((Command.ShellForm) check.command()).script());
            }
            health = new HealthConfig(test, check.interval(), check.timeout(), check.startPeriod(),
                    check.startInterval(), check.retries() == null ? 0 : check.retries());
        }
        HealthConfig value = health;
        state.updateRun(run -> run.withHealthcheck(value));
        state.addHistory("HEALTHCHECK " + HistoryText.healthcheck(value));
    }

    static void shell(ConfigState state, Shell shell) {
        state.updateRun(run -> run.withShell(shell.argv()));
        state.addHistory("SHELL " + HistoryText.plainList(shell.argv()));
    }

    static void cmd(ConfigState state, Cmd cmd) {
        List<String> args = commandArgs(state, cmd.command());
        state.updateRun(run -> run.withCmd(args).withArgsEscaped(true));
        state.markCmdSet();
        state.addHistory("CMD " + HistoryText.quotedList(args));
    }

    /** ENTRYPOINT drops a CMD inherited from the base image, but not one set earlier in this stage. */
    static void entrypoint(ConfigState state, Entrypoint entrypoint) {
        List<String> args = commandArgs(state, entrypoint.command());
        state.updateRun(run -> {
            ContainerConfig updated = run.withEntrypoint(args).withArgsEscaped(true);
            return state.cmdSet() ? updated : updated.withCmd(List.of());
        });
        state.addHistory("ENTRYPOINT " + HistoryText.quotedList(args));
    }

    static void maintainer(ConfigState state, Maintainer maintainer) {
        state.setConfig(state.config().withAuthor(maintainer.maintainer()));
        state.addHistory("MAINTAINER " + maintainer.maintainer());
    }

    /** ONBUILD is recorded for later builds; BuildKit writes no history entry for it. */
    static void onbuild(ConfigState state, Onbuild onbuild) {
        state.updateRun(run -> {
            List<String> triggers = new ArrayList<>(run.onBuild());
            triggers.add(onbuild.expression());
            return run.withOnBuild(triggers);
        });
    }

    private static List<String> commandArgs(ConfigState state, Command command) {
        if (command instanceof Command.ExecForm exec) {
            return exec.argv();
        }
        List<String> args = new ArrayList<>(state.shell());
        args.add(((Command.ShellForm) command).script());
        return args;
    }
}
