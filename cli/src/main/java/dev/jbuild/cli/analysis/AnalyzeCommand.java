package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.AnalysisReport;
import dev.jbuild.analysis.ImageAnalysis;
import dev.jbuild.analysis.ImageInput;
import dev.jbuild.builder.cache.PruneArgumentException;
import dev.jbuild.builder.cache.StorageSize;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.List;

/**
 * {@code jbuild analyze IMAGE}: layer sizes, largest files, wasted bytes and an efficiency score;
 * {@code --ci} turns the thresholds into an exit code for pipelines.
 */
public final class AnalyzeCommand extends StoreCommand {
    enum Format { text, json }

    static final OptionSpec<Format> FORMAT = OptionSpec.single(Converters.oneOf(Format.values()), "--format")
            .withLabel("FORMAT").withDefault(Format.text)
            .withDescription("Output format: text or json (default: text).");
    static final OptionSpec<Boolean> CI = OptionSpec.flag("--ci")
            .withDescription("Check the thresholds: exit 1 when one is crossed.");
    static final OptionSpec<String> LOWEST_EFFICIENCY = OptionSpec.single("--lowest-efficiency").withLabel("RATIO")
            .withDescription("With --ci: the lowest efficiency allowed, 0 to 1 (default: 0.9).");
    static final OptionSpec<String> HIGHEST_WASTED = OptionSpec.single("--highest-wasted-bytes").withLabel("SIZE")
            .withDescription("With --ci: the most wasted bytes allowed (20MB, 1.5g, 4096; default: no limit).");
    static final OptionSpec<Long> TOP = OptionSpec.single(Converters.LONG, "--top").withLabel("N").withDefault(10L)
            .withDescription("How many of the largest and most wasted files to list (default: 10).");
    static final PositionalSpec IMAGE = PositionalSpec.required("IMAGE")
            .withDescription("Image name, ID, or archive file.");

    public static final CommandSpec SPEC = CommandSpec.of("analyze",
                    "Show each layer's size, the largest files, the bytes wasted on files later layers overwrite "
                            + "or delete, and an efficiency score.")
            .withOptions(FORMAT, CI, LOWEST_EFFICIENCY, HIGHEST_WASTED, TOP)
            .withPositionals(IMAGE);

    private static final double DEFAULT_LOWEST_EFFICIENCY = 0.9;

    private final Format format;
    private final boolean ci;
    private final String lowestEfficiency;
    private final String highestWasted;
    private final int top;
    private final String image;

    public AnalyzeCommand(ParsedArgs args) {
        this.format = args.value(FORMAT);
        this.ci = args.flag(CI);
        this.lowestEfficiency = args.value(LOWEST_EFFICIENCY);
        this.highestWasted = args.value(HIGHEST_WASTED);
        this.top = (int) Math.max(0, Math.min(Integer.MAX_VALUE, args.value(TOP)));
        this.image = args.positional(IMAGE);
    }

    @Override
    protected int run(ImageStore store, Context context) throws IOException {
        Double efficiency = ci ? efficiency() : null;
        Long wasted = ci ? wastedBytes() : null;
        AnalysisReport report;
        try (ImageInput input = ImageInput.open(store, image)) {
            report = ImageAnalysis.analyze(input, top);
        }
        if (format == Format.json) {
            context.out().println(AnalysisJson.render(report, top));
        } else {
            context.out().print(AnalysisText.render(report, top));
        }
        if (!ci) {
            return ExitCode.OK;
        }
        List<String> failures = report.failures(efficiency, wasted);
        failures.forEach(line -> context.err().println("jbuild: analyze: " + line));
        return failures.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private double efficiency() {
        if (lowestEfficiency == null) {
            return DEFAULT_LOWEST_EFFICIENCY;
        }
        try {
            double value = Double.parseDouble(lowestEfficiency);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new UserError("invalid --lowest-efficiency '" + lowestEfficiency + "': a ratio from 0 to 1");
    }

    private Long wastedBytes() {
        if (highestWasted == null) {
            return null;
        }
        try {
            return StorageSize.parse(highestWasted);
        } catch (PruneArgumentException e) {
            throw new UserError("invalid --highest-wasted-bytes: " + e.getMessage());
        }
    }
}
