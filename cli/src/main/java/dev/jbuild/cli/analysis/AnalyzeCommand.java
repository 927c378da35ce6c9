package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.AnalysisReport;
import dev.jbuild.analysis.ImageAnalysis;
import dev.jbuild.analysis.ImageInput;
import dev.jbuild.builder.cache.PruneArgumentException;
import dev.jbuild.builder.cache.StorageSize;
import dev.jbuild.cli.Context;
import dev.jbuild.cli.ExitCode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.cli.store.StoreCommand;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jbuild analyze IMAGE}: layer sizes, largest files, wasted bytes and an efficiency score;
 * {@code --ci} turns the thresholds into an exit code for pipelines.
 */
public final class AnalyzeCommand extends StoreCommand {
    enum Format { text, json }

    public static CommandSpec spec() {
        CommandSpec spec = Commands.command("analyze",
                "Show each layer's size, the largest files, the bytes wasted on files later layers overwrite or "
                        + "delete, and an efficiency score.");
        Commands.options(spec,
                Args.value(Format.class, Converters.oneOf(Format.values()), "FORMAT", "--format").defaultValue("text")
                        .completionCandidates(List.of("text", "json"))
                        .description("Output format: text or json (default: text)."),
                Args.flag("--ci").description("Check the thresholds: exit 1 when one is crossed."),
                Args.value("RATIO", "--lowest-efficiency")
                        .description("With --ci: the lowest efficiency allowed, 0 to 1 (default: 0.9)."),
                Args.value("SIZE", "--highest-wasted-bytes")
                        .description("With --ci: the most wasted bytes allowed (20MB, 1.5g, 4096; default: no limit)."),
                Args.value(Long.class, "N", "--top").defaultValue("10")
                        .description("How many of the largest and most wasted files to list (default: 10)."));
        spec.addPositional(Args.required(0, "IMAGE").completionCandidates(Args.IMAGE_NAMES)
                .description("Image name, ID, or archive file.").build());
        return spec;
    }

    private static final double DEFAULT_LOWEST_EFFICIENCY = 0.9;

    private final Format format;
    private final boolean ci;
    private final String lowestEfficiency;
    private final String highestWasted;
    private final int top;
    private final String image;

    public AnalyzeCommand(ParsedArgs args) {
        this.format = args.value("--format");
        this.ci = args.flag("--ci");
        this.lowestEfficiency = args.value("--lowest-efficiency");
        this.highestWasted = args.value("--highest-wasted-bytes");
        this.top = (int) Math.max(0, Math.min(Integer.MAX_VALUE, args.<Long>value("--top")));
        this.image = args.positional(0);
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
