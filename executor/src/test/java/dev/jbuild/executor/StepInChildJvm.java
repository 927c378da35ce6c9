package dev.jbuild.executor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Run by {@link InterruptionTest} in a separate JVM: prepares an overlay workspace on the given
 * busybox lower directory and runs a step that prints "started" and sleeps, echoing the step's
 * output to stdout so the test knows when to kill this JVM.
 */
public final class StepInChildJvm {

    private StepInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorLayout layout = new ExecutorLayout(Path.of(args[0]));
        Path busybox = Path.of(args[1]);
        Sandbox sandbox = new Sandbox(RuntimeProbe.select(Optional.empty(), layout).runtime(), layout);
        Workspace workspace = new OverlayDriver(layout.overlay()).prepare(List.of(busybox));
        RunSpec spec = RunSpec.of(List.of("/bin/sh", "-c", "echo started; exec sleep 600"))
                .withMounts(List.of(new MountSpec.Secret("/run/secrets/s", new byte[] {'x'}, 0, 0, 0400),
                        new MountSpec.Bind(busybox, "/context", true)));
        sandbox.run(workspace.rootfs(), spec, (stream, line) -> {
            System.out.println(line);
            System.out.flush();
        });
        workspace.close();
    }
}
