package dev.jbuild.builder.dispatch;

import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.shell.VariableLookup;
import dev.jbuild.store.ContainerConfig;
import dev.jbuild.store.Descriptor;
import dev.jbuild.store.Digest;
import dev.jbuild.store.HistoryEntry;
import dev.jbuild.store.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage's dispatch state, changed instruction by instruction (BuildKit's {@code dispatchState}):
 * the image so far, the ARGs declared in the stage, whether CMD was set here.
 */
public final class StageState {
    public static final String HISTORY_COMMENT = "buildkit.dockerfile.v0";

    private final Stage stage;
    private final String label;
    private ImageConfig config;
    private final List<Descriptor> layers;
    private final int baseHistorySize;
    /** Declared ARGs in declaration order; a null value is declared but unset. */
    private final LinkedHashMap<String, String> args = new LinkedHashMap<>();
    private boolean cmdSet;
    private int position = 1;
    private int total;

    StageState(Stage stage, String label, ImageState base) {
        this.stage = stage;
        this.label = label;
        this.config = base.config();
        this.layers = new ArrayList<>(base.layers());
        this.baseHistorySize = base.config().history().size();
    }

    public Stage stage() {
        return stage;
    }

    public String label() {
        return label;
    }

    public ImageConfig config() {
        return config;
    }

    public ContainerConfig run() {
        return config.config();
    }

    public void setConfig(ImageConfig value) {
        this.config = value;
    }

    public void updateRun(java.util.function.UnaryOperator<ContainerConfig> change) {
        config = config.withConfig(change.apply(config.config()));
    }

    public ImageState image() {
        return new ImageState(config, layers);
    }

    public List<Digest> diffIds() {
        return config.diffIds();
    }

    public Digest stateKey() {
        return image().stateKey();
    }

    public int baseHistorySize() {
        return baseHistorySize;
    }

    /** A config-only step: history entry with {@code empty_layer}. */
    public void addHistory(String createdBy) {
        config = config.withHistoryEntry(new HistoryEntry(null, createdBy, null, HISTORY_COMMENT, true));
    }

    /** A filesystem step's layer and the history entry that made it. */
    public void addLayer(Descriptor layer, String createdBy, java.time.Instant created) {
        config = config.withLayer(layer.digest(), new HistoryEntry(created, createdBy, null, HISTORY_COMMENT, false));
        layers.add(layer);
    }

    public Map<String, String> args() {
        return args;
    }

    public void declareArg(String name, String value) {
        args.put(name, value);
    }

    /**
     * What variables expand to in this stage: declared ARG values, overridden by the image's
     * environment (ENV always wins over an ARG of the same name, as Docker documents).
     */
    public VariableLookup lookup() {
        return VariableLookup.of(variables());
    }

    /** The declared ARG values with a value, then the image's environment over them. */
    Map<String, String> variables() {
        Map<String, String> values = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        values.putAll(run().envMap());
        return values;
    }

    /** Names of declared ARGs that have a value and are not shadowed by ENV. */
    public boolean isArg(String name) {
        return args.get(name) != null && run().envValue(name) == null;
    }

    public boolean cmdSet() {
        return cmdSet;
    }

    public void markCmdSet() {
        this.cmdSet = true;
    }

    /** The shell for shell-form commands: SHELL, else {@code /bin/sh -c}. */
    public List<String> shell() {
        List<String> shell = run().shell();
        return shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
    }

    /** The working directory, "/" when unset. */
    public String workdir() {
        String dir = run().workingDir();
        return dir.isEmpty() ? "/" : dir;
    }

    public int nextPosition() {
        return ++position;
    }

    public int total() {
        return total;
    }

    public void setTotal(int value) {
        this.total = value;
    }
}
