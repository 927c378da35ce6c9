package dev.jbuild.builder.dispatch;

import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.ImageConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the config-only instructions read and change: a build stage ({@link StageState}) or an image being
 * imported with {@code --change} ({@link ConfigChanges}), so that both give an instruction one meaning.
 */
interface ConfigState {
    ImageConfig config();

    void setConfig(ImageConfig value);

    default ContainerConfig run() {
        return config().config();
    }

    default void updateRun(UnaryOperator<ContainerConfig> change) {
        setConfig(config().withConfig(change.apply(config().config())));
    }

    /** A config-only step's history entry ({@code empty_layer}). */
    void addHistory(String createdBy);

    boolean cmdSet();

    void markCmdSet();

    /** The shell for shell-form commands: SHELL, else {@code /bin/sh -c}. */
    default List<String> shell() {
        List<String> shell = run().shell();
        return shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
    }

    /** The working directory, "/" when unset. */
    default String workdir() {
        String dir = run().workingDir();
        return dir.isEmpty() ? "/" : dir;
    }
}
