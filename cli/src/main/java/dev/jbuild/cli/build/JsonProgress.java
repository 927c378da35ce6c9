package dev.jbuild.cli.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.builder.BuildSummary;
import dev.jbuild.builder.StepId;
import java.io.PrintStream;

/**
 * {@code --progress json}: one JSON object per line and per event, for machines:
 * {@code {"event":"step-output","step":2,"stage":"builder","stream":"stdout","line":"..."}}.
 */
public final class JsonProgress implements BuildListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final java.util.Map<Integer, String> cacheMisses = new java.util.HashMap<>();

    public JsonProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void on(BuildEvent event) {
        ObjectNode node = JSON.createObjectNode();
        if (event instanceof BuildEvent.BuildPlanned p) {
            node.put("event", "build-planned");
            node.put("steps", p.steps());
        } else if (event instanceof BuildEvent.StepStarted s) {
            step(node, "step-started", s.step());
        } else if (event instanceof BuildEvent.StepOutput o) {
            step(node, "step-output", o.step());
            node.put("stream", o.stream().name().toLowerCase(java.util.Locale.ROOT));
            node.put("line", o.line());
        } else if (event instanceof BuildEvent.StepCacheMiss m) {
            cacheMisses.put(m.step().number(), m.reason());
            return; // a field of the step's finished or failed event
        } else if (event instanceof BuildEvent.StepPlanned p) {
            step(node, "step-planned", p.step());
            node.put("cached", p.cached());
            if (p.reason() != null) {
                node.put("cacheMiss", p.reason());
            }
        } else if (event instanceof BuildEvent.StepCached c) {
            step(node, "step-cached", c.step());
        } else if (event instanceof BuildEvent.StepFinished f) {
            step(node, "step-finished", f.step());
            node.put("seconds", f.elapsed().toNanos() / 1e9);
            putCacheMiss(node, f.step());
        } else if (event instanceof BuildEvent.StepFailed f) {
            step(node, "step-failed", f.step());
            putCacheMiss(node, f.step());
            node.put("error", f.message());
            node.putArray("lastLines").addAll(f.lastLines().stream().map(JSON.getNodeFactory()::textNode).toList());
        } else if (event instanceof BuildEvent.StepWarning w) {
            step(node, "step-warning", w.step());
            node.put("message", w.message());
        } else if (event instanceof BuildEvent.StepCancelled c) {
            step(node, "step-cancelled", c.step());
        } else if (event instanceof BuildEvent.Notice n) {
            node.put("event", "notice");
            node.put("message", n.message());
        } else if (event instanceof BuildEvent.BuildFinished f) {
            BuildSummary summary = f.summary();
            node.put("event", "build-finished");
            node.put("id", summary.imageId().value());
            node.putArray("tags").addAll(summary.tags().stream().map(JSON.getNodeFactory()::textNode).toList());
            node.put("layers", summary.layers());
            node.put("size", summary.size());
            node.put("seconds", summary.elapsed().toNanos() / 1e9);
        }
        out.println(node);
        out.flush();
    }

    private void putCacheMiss(ObjectNode node, StepId step) {
        String reason = cacheMisses.remove(step.number());
        if (reason != null) {
            node.put("cacheMiss", reason);
        }
    }

    private static void step(ObjectNode node, String kind, StepId step) {
        node.put("event", kind);
        node.put("step", step.number());
        node.put("stage", step.stage());
        node.put("position", step.position());
        node.put("total", step.total());
        node.put("instruction", step.text());
        if (step.range() != null) {
            node.put("line", step.range().startLine());
        }
    }
}
