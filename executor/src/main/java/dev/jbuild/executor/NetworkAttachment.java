package dev.jbuild.executor;

import dev.jbuild.platform.TaskFailures;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A step's network being connected on a thread of its own while the step's other parts (user, host files,
 * mounts, the runtime spec) are prepared: slirp4netns takes some 20 ms to report ready, most of it spent
 * waiting, which a RUN step otherwise waited in line. Closing waits for a connection still being made and
 * then takes it down, so no namespace or provider process outlives a step that failed before it used it.
 */
final class NetworkAttachment implements AutoCloseable {
    private final FutureTask<StepNetwork> connecting;

    private NetworkAttachment(Callable<StepNetwork> connect) {
        this.connecting = new FutureTask<>(connect);
        Thread thread = new Thread(connecting, "jbuild-step-network");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts connecting; {@code connect} runs on a new thread. */
    static NetworkAttachment start(Callable<StepNetwork> connect) {
        return new NetworkAttachment(connect);
    }

    /** The connected network, once ready; a failure to connect is thrown here as the provider threw it. */
    StepNetwork await() throws IOException, InterruptedException {
        try {
            return connecting.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            TaskFailures.rethrow(e.getCause());
            throw new AssertionError(e); // rethrow always throws
        }
    }

    @Override
    public void close() throws IOException {
        boolean interrupted = false;
        StepNetwork network = null;
        while (true) {
            try {
                network = connecting.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the connection is still being made: wait for it, then take it down
            } catch (ExecutionException e) {
                break; // nothing was connected
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (network != null) {
            network.close();
        }
    }
}
