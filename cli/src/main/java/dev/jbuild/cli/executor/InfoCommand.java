package dev.jbuild.cli.executor;

import dev.jbuild.store.StoreLayout;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jbuild.cli.CliCommand;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.executor.ExecutorInfo;
import dev.jbuild.executor.ExecutorLayout;
import dev.jbuild.executor.NetworkProviders;
import dev.jbuild.executor.StorageDrivers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild info}: the storage driver and OCI runtime a build would use here, found by real
 * probes, and the kernel features that matter, each with why it is on or off. Exits 1 when no
 * storage driver or no runtime can be used.
 */
public final class InfoCommand implements CliCommand {

    public enum Format { text, json }

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("info",
                "Show the storage driver, the OCI runtime, the network provider and the kernel features jbuild finds "
                        + "on this host.",
                "All three are chosen by real probes (a tiny overlay mount, a probe container, a probe network "
                        + "namespace), not by presence.");
        spec.addOption(Args.value(Format.class, Converters.oneOf(Format.values()), "FORMAT", "--format")
                .defaultValue("text").description("Output format: text, json (default: text).").build());
        return spec;
    }

    private final Format format;

    public InfoCommand(ParsedArgs args) {
        this.format = args.value("--format");
    }

    @Override
    public int call(Context context) throws Exception {
        ExecutorLayout layout = new ExecutorLayout(
                StoreLayout.at(context.global().storeRoot(context.env())).executorDir());
        ExecutorInfo info = ExecutorInfo.gather(layout, StorageDrivers.requested(context.global().storageDriver(), context.env()),
                Optional.ofNullable(context.global().runtime()), NetworkProviders.requested(context.env()));
        context.out().print(format == Format.json ? json(info) : text(info));
        return info.storageDriver() == null || info.runtime() == null ? ExitCode.FAILED : ExitCode.OK;
    }

    /** Aligned "Label: value (reason)" lines, then one line per feature. */
    public static String text(ExecutorInfo info) {
        StringBuilder out = new StringBuilder();
        line(out, "Storage driver", (info.storageDriver() == null ? "none" : info.storageDriver())
                + " (" + info.storageReason() + ")");
        line(out, "Runtime", info.runtime() == null ? "none (" + info.runtimeReason() + ")"
                : info.runtime().executable() + ", " + info.runtime().version() + " (" + info.runtimeReason() + ")");
        line(out, "Network", (info.network() == null ? "none" : info.network()) + " (" + info.networkReason() + ")");
        line(out, "Kernel", info.kernel() + " (" + info.architecture() + ")");
        out.append("Features:\n");
        for (ExecutorInfo.Feature feature : info.features()) {
            out.append(String.format(Locale.ROOT, "  %-38s %-4s %s%n", feature.name(), feature.on() ? "on" : "off", feature.detail()));
        }
        return out.toString();
    }

    public static String json(ExecutorInfo info) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("driver", info.storageDriver());
        storage.put("reason", info.storageReason());
        root.put("storage", storage);
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("path", info.runtime() == null ? null : info.runtime().executable().toString());
        runtime.put("name", info.runtime() == null ? null : info.runtime().name());
        runtime.put("version", info.runtime() == null ? null : info.runtime().version());
        runtime.put("reason", info.runtimeReason());
        root.put("runtime", runtime);
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("provider", info.network());
        network.put("reason", info.networkReason());
        root.put("network", network);
        root.put("kernel", info.kernel());
        root.put("architecture", info.architecture());
        List<Map<String, Object>> features = new ArrayList<>();
        for (ExecutorInfo.Feature feature : info.features()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", feature.name());
            entry.put("on", feature.on());
            entry.put("detail", feature.detail());
            features.add(entry);
        }
        root.put("features", features);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-16s%s%n", label + ":", value));
    }
}
