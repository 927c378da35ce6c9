package dev.jbuild.builder.dispatch;

import dev.jbuild.imagespec.ContainerConfig;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.shell.VariableLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage's dispatch state, changed instruction by instruction (BuildKit's {@code dispatchState}):
 * the image so far, the ARGs declared in the stage, whether CMD was set here.
 */
public final class StageState implements ConfigState {
    public static final String HISTORY_COMMENT = "buildkit.dockerfile.v0";

    private final Stage stage;
    private final String label;
    private ImageConfig config;
    private final List<Descriptor> layers;
    private final int baseHistorySize;
    /** Declared ARGs in declaration order; a null value is declared but unset. */
    private final LinkedHashMap<String, String> args = new LinkedHashMap<>();
    private boolean cmdSet;
    private int position;
    private int total;
    private String base = "scratch";
    private String lastStep = "";
    private boolean lastStepRan;
    private String dryRunStop;

    /**
     * @param fromCounts whether the FROM line is step 1 of the stage, as it is for a stage on an
     *     image; a stage on scratch or on another stage numbers its steps from 1, as BuildKit does
     */
    StageState(Stage stage, String label, ImageState base, boolean fromCounts) {
        this.stage = stage;
        this.label = label;
        this.position = fromCounts ? 1 : 0;
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

    @Override
    public ImageConfig config() {
        return config;
    }

    @Override
    public ContainerConfig run() {
        return config.config();
    }

    @Override
    public void setConfig(ImageConfig value) {
        this.config = value;
    }

    @Override
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
    @Override
    public void addHistory(String createdBy) {
        config = config.withHistoryEntry(new HistoryEntry(null, createdBy, null, HISTORY_COMMENT, true));
    }

    /** A filesystem step's uncompressed layer (its digest is its diff ID) and the history entry that made it. */
    public void addLayer(Descriptor layer, String createdBy, java.time.Instant created) {
        addLayer(layer, layer.digest(), createdBy, created);
    }

    /** A filesystem step's layer blob, compressed or not, with its diff ID. */
    public void addLayer(Descriptor blob, Digest diffId, String createdBy, java.time.Instant created) {
        config = config.withLayer(diffId, new HistoryEntry(created, createdBy, null, HISTORY_COMMENT, false));
        layers.add(blob);
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

    @Override
    public boolean cmdSet() {
        return cmdSet;
    }

    @Override
    public void markCmdSet() {
        this.cmdSet = true;
    }

    /** The shell for shell-form commands: SHELL, else {@code /bin/sh -c}. */
    @Override
    public List<String> shell() {
        List<String> shell = run().shell();
        return shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
    }

    /** The working directory, "/" when unset. */
    @Override
    public String workdir() {
        String dir = run().workingDir();
        return dir.isEmpty() ? "/" : dir;
    }

    /** How the stage's FROM resolved, for cache-miss explanations ({@code busybox@sha256:...}). */
    public String base() {
        return base;
    }

    void setBase(String value) {
        this.base = value;
    }

    /** The label of the last step dispatched ({@code [2/4] RUN make}). */
    public String lastStep() {
        return lastStep;
    }

    /** Whether the last step ran rather than coming from the cache. */
    public boolean lastStepRan() {
        return lastStepRan;
    }

    void stepDone(String label, boolean ran) {
        this.lastStep = label;
        this.lastStepRan = ran;
    }

    /**
     * In a dry run, why every later step of the stage would run too (a step before it would run, so its
     * result is unknown); null while every step so far comes from the cache.
     */
    public String dryRunStop() {
        return dryRunStop;
    }

    void stopDryRun(String reason) {
        if (dryRunStop == null) {
            this.dryRunStop = reason;
        }
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
