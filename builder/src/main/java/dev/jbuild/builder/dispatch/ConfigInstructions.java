package dev.jbuild.builder.dispatch;

import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.HealthConfig;
import dev.jbuild.parser.instructions.Cmd;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Entrypoint;
import dev.jbuild.parser.instructions.Env;
import dev.jbuild.parser.instructions.Expose;
import dev.jbuild.parser.instructions.Healthcheck;
import dev.jbuild.parser.instructions.KeyValue;
import dev.jbuild.parser.instructions.Label;
import dev.jbuild.parser.instructions.Maintainer;
import dev.jbuild.parser.instructions.Onbuild;
import dev.jbuild.parser.instructions.Shell;
import dev.jbuild.parser.instructions.Stopsignal;
import dev.jbuild.parser.instructions.User;
import dev.jbuild.parser.instructions.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The instructions that change only the image config, each as BuildKit's dispatcher does it,
 * with the history entry ({@code empty_layer}) BuildKit writes.
 */
final class ConfigInstructions {
    private ConfigInstructions() {
    }

    /** ENV: every value is expanded against the environment before the instruction. */
    static void env(BuildSession session, StageState state, Env env) {
        Expander expander = Expander.of(session, state, env.range());
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue pair : env.variables()) {
            values.put(expander.word(pair.key()), expander.word(pair.value()));
        }
        values.forEach((name, value) -> state.updateRun(run -> run.withEnvVariable(name, value)));
        Expander.requireVariablesWithinLimits(session, state, env.range());
        state.addHistory("ENV" + HistoryText.keyValues(values));
    }

    static void label(BuildSession session, StageState state, Label label) {
        Expander expander = Expander.of(session, state, label.range());
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

    static void expose(BuildSession session, StageState state, Expose expose) {
        Expander expander = Expander.of(session, state, expose.range());
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

    static void volume(BuildSession session, StageState state, Volume volume) {
        Expander expander = Expander.of(session, state, volume.range());
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

    static void user(BuildSession session, StageState state, User user) {
        String value = Expander.of(session, state, user.range()).word(user.user());
        state.updateRun(run -> run.withUser(value));
        state.addHistory("USER " + value);
    }

    static void stopsignal(BuildSession session, StageState state, Stopsignal stopsignal) {
        Expander expander = Expander.of(session, state, stopsignal.range());
        String value = expander.word(stopsignal.signal());
        if (!value.matches("(SIG)?[A-Z0-9+-]+|\\d+")) {
            throw expander.error("Invalid signal: " + value);
        }
        state.updateRun(run -> run.withStopSignal(value));
        state.addHistory("STOPSIGNAL " + value);
    }

    /** HEALTHCHECK is not expanded: its command runs later, in the container's own shell. */
    static void healthcheck(StageState state, Healthcheck check) {
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

    static void shell(StageState state, Shell shell) {
        state.updateRun(run -> run.withShell(shell.argv()));
        state.addHistory("SHELL " + HistoryText.plainList(shell.argv()));
    }

    static void cmd(StageState state, Cmd cmd) {
        List<String> args = commandArgs(state, cmd.command());
        state.updateRun(run -> run.withCmd(args).withArgsEscaped(true));
        state.markCmdSet();
        state.addHistory("CMD " + HistoryText.quotedList(args));
    }

    /** ENTRYPOINT drops a CMD inherited from the base image, but not one set earlier in this stage. */
    static void entrypoint(StageState state, Entrypoint entrypoint) {
        List<String> args = commandArgs(state, entrypoint.command());
        state.updateRun(run -> {
            ContainerConfig updated = run.withEntrypoint(args).withArgsEscaped(true);
            return state.cmdSet() ? updated : updated.withCmd(List.of());
        });
        state.addHistory("ENTRYPOINT " + HistoryText.quotedList(args));
    }

    static void maintainer(StageState state, Maintainer maintainer) {
        state.setConfig(state.config().withAuthor(maintainer.maintainer()));
        state.addHistory("MAINTAINER " + maintainer.maintainer());
    }

    /** ONBUILD is recorded for later builds; BuildKit writes no history entry for it. */
    static void onbuild(StageState state, Onbuild onbuild) {
        state.updateRun(run -> {
            List<String> triggers = new ArrayList<>(run.onBuild());
            triggers.add(onbuild.expression());
            return run.withOnBuild(triggers);
        });
    }

    private static List<String> commandArgs(StageState state, Command command) {
        if (command instanceof Command.ExecForm exec) {
            return exec.argv();
        }
        List<String> args = new ArrayList<>(state.shell());
        args.add(((Command.ShellForm) command).script());
        return args;
    }
}
