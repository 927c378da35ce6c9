package dev.jbuild.executor;

import dev.jbuild.platform.CacheSharing;
import java.nio.file.Path;
import java.util.Objects;

/** An extra mount for one step ({@code RUN --mount}); the target is an absolute path in the container. */
public sealed interface MountSpec {

    String target();

    /**
     * A file or directory of the host (build context, another stage's root). Read-only unless
     * {@code readWrite}, in which case writes go to a throw-away overlay (or copy) and are discarded.
     */
    record Bind(Path source, String target, boolean readWrite) implements MountSpec {
        public Bind {
            Objects.requireNonNull(source, "source");
            requireAbsolute(target);
        }
    }

    /**
     * A persistent directory {@code <cache root>/<id>} kept across builds. Created with the given
     * owner and mode the first time; never part of the layer.
     */
    record Cache(String id, String target, CacheSharing sharing, int uid, int gid, int mode, boolean readOnly)
            implements MountSpec {
        public Cache {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sharing, "sharing");
            requireAbsolute(target);
        }
    }

    /** A fresh tmpfs; {@code sizeBytes} 0 means the kernel's default (half of RAM). */
    record Tmpfs(String target, long sizeBytes) implements MountSpec {
        public Tmpfs {
            requireAbsolute(target);
        }
    }

    /**
     * A secret, mounted read-only as a file with this owner and mode. The bytes live only in a
     * tmpfs outside the root file system while the step runs.
     */
    record Secret(String target, byte[] content, int uid, int gid, int mode) implements MountSpec {
        public Secret {
            Objects.requireNonNull(content, "content");
            requireAbsolute(target);
            content = content.clone();
        }

        @Override
        public String toString() {
            return "Secret[target=" + target + ", " + content.length + " bytes]";
        }
    }

    /**
     * An SSH agent socket: a socket owned by {@code uid:gid} with {@code mode} appears at the
     * target, and every connection to it is forwarded to {@code agentSocket} on the host.
     */
    record Ssh(Path agentSocket, String target, int uid, int gid, int mode) implements MountSpec {
        public Ssh {
            Objects.requireNonNull(agentSocket, "agentSocket");
            requireAbsolute(target);
        }
    }

    private static void requireAbsolute(String target) {
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("mount target must be absolute: " + target);
        }
    }
}
