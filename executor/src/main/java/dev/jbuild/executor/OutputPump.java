package dev.jbuild.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one of the step's output streams on its own thread and hands complete lines to the
 * listener as they arrive. Very long lines are delivered in pieces rather than buffered whole.
 */
final class OutputPump extends Thread {
    private static final int MAX_LINE = 64 * 1024;
    private final InputStream input;
    private final OutputListener.Stream stream;
    private final OutputListener listener;
    private final Object listenerLock;

    OutputPump(InputStream input, OutputListener.Stream stream, OutputListener listener, Object listenerLock) {
        super("jbuild-step-" + stream.name().toLowerCase(Locale.ROOT));
        setDaemon(true);
        this.input = input;
        this.stream = stream;
        this.listener = listener;
        this.listenerLock = listenerLock;
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (input) {
            int count;
            while ((count = input.read(buffer)) >= 0) {
                for (int i = 0; i < count; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        deliver(line);
                    } else {
                        line.write(b);
                        if (line.size() >= MAX_LINE) {
                            deliver(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The stream closed under us (the container was killed); deliver what we have.
        }
        if (line.size() > 0) {
            deliver(line);
        }
    }

    private void deliver(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        synchronized (listenerLock) {
            listener.line(stream, text);
        }
    }
}
