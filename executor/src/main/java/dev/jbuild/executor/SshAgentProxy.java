package dev.jbuild.executor;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A socket owned by the step's user that forwards every connection to the host's SSH agent, as
 * BuildKit does for {@code type=ssh}: the step gets its own socket with the requested owner and
 * mode, and never the host socket itself.
 */
final class SshAgentProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;
    private final ServerSocketChannel server;
    private final Path agent;
    private final Path socket;
    private final List<SocketChannel> connections = new ArrayList<>();
    private final Thread acceptor;

    private SshAgentProxy(ServerSocketChannel server, Path socket, Path agent) {
        this.server = server;
        this.socket = socket;
        this.agent = agent;
        this.acceptor = new Thread(this::acceptLoop, "jbuild-ssh-proxy");
        this.acceptor.setDaemon(true);
    }

    static SshAgentProxy start(Path socket, MountSpec.Ssh ssh) throws IOException {
        if (!Files.exists(ssh.agentSocket())) {
            throw new ExecutorException("SSH agent socket " + ssh.agentSocket() + " does not exist");
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setAttribute(socket, "unix:uid", ssh.uid());
        Files.setAttribute(socket, "unix:gid", ssh.gid());
        Files.setAttribute(socket, "unix:mode", ssh.mode() & 07777);
        SshAgentProxy proxy = new SshAgentProxy(server, socket, ssh.agentSocket());
        proxy.acceptor.start();
        return proxy;
    }

    Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(agent));
                synchronized (connections) {
                    connections.add(client);
                    connections.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return; // closed, or the agent went away: the step's ssh client reports it
            }
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException ignored) {
                // one side closed; the other pump ends too
            }
        }, "jbuild-ssh-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (connections) {
            for (SocketChannel connection : connections) {
                connection.close();
            }
        }
        Files.deleteIfExists(socket);
    }
}
