package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A busybox lower directory, a layout and the probed runtime, shared by the sandbox tests of one class. */
final class SandboxTestSupport {
    final Path root;
    final ExecutorLayout layout;
    final Path busybox;
    final Sandbox sandbox;

    SandboxTestSupport(Path root) throws IOException {
        this.root = root;
        this.layout = new ExecutorLayout(root.resolve("executor"));
        this.busybox = TestTrees.busyboxRootfs(root.resolve("busybox"));
        this.sandbox = new Sandbox(RuntimeProbe.select(Optional.empty(), layout).runtime(), layout);
    }

    /** What a step printed and how it ended. */
    record Output(int exitCode, List<String> stdout, List<String> stderr) {
        String out() {
            return String.join("\n", stdout);
        }

        String err() {
            return String.join("\n", stderr);
        }
    }

    Output run(Path rootfs, RunSpec spec) throws IOException, InterruptedException {
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        RunResult result = sandbox.run(rootfs, spec, (stream, line) ->
                (stream == OutputListener.Stream.STDOUT ? stdout : stderr).add(line));
        return new Output(result.exitCode(), stdout, stderr);
    }

    static RunSpec shell(String script) {
        return RunSpec.of(List.of("/bin/sh", "-c", script));
    }
}
