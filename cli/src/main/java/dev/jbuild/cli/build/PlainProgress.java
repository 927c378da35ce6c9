package dev.jbuild.cli.build;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --progress plain}: one line per event, BuildKit's plain format, for CI logs:
 * <pre>
 * #2 [2/3] RUN make
 * #2 0.214 cc -o app app.c
 * #2 DONE 1.3s
 * #3 [3/3] COPY app /app
 * #3 CACHED
 * </pre>
 */
public final class PlainProgress implements BuildListener {
    private final PrintStream out;
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();

    public PlainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void on(BuildEvent event) {
        if (event instanceof BuildEvent.StepStarted s) {
            started.put(s.step().number(), System.nanoTime());
            out.println("#" + s.step().number() + " " + s.step().label());
        } else if (event instanceof BuildEvent.StepOutput o) {
            Long start = started.get(o.step().number());
            double seconds = start == null ? 0 : (System.nanoTime() - start) / 1e9;
            out.println("#" + o.step().number() + " " + String.format(Locale.ROOT, "%.3f", seconds) + " " + o.line());
        } else if (event instanceof BuildEvent.StepCacheMiss m) {
            out.println("#" + m.step().number() + " cache miss: " + m.reason());
        } else if (event instanceof BuildEvent.StepCached c) {
            out.println("#" + c.step().number() + " CACHED");
        } else if (event instanceof BuildEvent.StepFinished f) {
            out.println("#" + f.step().number() + " DONE " + Summaries.seconds(f.elapsed()));
        } else if (event instanceof BuildEvent.StepFailed f) {
            out.println("#" + f.step().number() + " ERROR: " + f.message());
        } else if (event instanceof BuildEvent.StepWarning w) {
            out.println("#" + w.step().number() + " WARN: " + w.message());
        } else if (event instanceof BuildEvent.StepCancelled c) {
            out.println("#" + c.step().number() + " CANCELED");
        } else if (event instanceof BuildEvent.Notice n) {
            out.println("# " + n.message());
        } else if (event instanceof BuildEvent.BuildFinished f) {
            Summaries.print(out, f.summary());
        }
        out.flush();
    }
}
