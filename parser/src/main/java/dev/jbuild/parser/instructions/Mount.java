package dev.jbuild.parser.instructions;

import dev.jbuild.platform.CacheSharing;

/**
 * One {@code RUN --mount}, with BuildKit's defaults applied.
 *
 * <p>String fields are raw: BuildKit expands each option's value with the stage's environment at
 * dispatch. A typed option (mode, uid, gid, size, sharing, ro/rw, required) whose raw value holds a
 * variable cannot be checked yet; it is left at its default here, and the builder re-reads
 * {@link #spec()} with {@link MountSpecParser#parse(String, java.util.function.UnaryOperator)}.
 * Numbers are {@code Long} because BuildKit accepts any unsigned 32-bit value.
 */
public sealed interface Mount {

    /** The flag value as written, {@code type=cache,target=/root/.cache}. */
    String spec();

    /** Where the mount appears in the container; for SSH and env-only secrets possibly null. */
    String target();

    /**
     * {@code type=bind} (the default type): a read-only view of the context, a stage or an image.
     *
     * @param source path inside {@code from}; null means its root
     * @param from stage, image or named context; null means the build context
     * @param readWrite true with {@code rw}: writes are allowed but discarded after the step
     */
    record Bind(String target, String source, String from, boolean readWrite, String spec) implements Mount {}

    /**
     * {@code type=cache}: a directory kept between builds, never part of the image.
     *
     * @param id defaults to the target path, cleaned; null when neither is given (the builder then uses
     *     the resolved target, the working directory)
     * @param sharing defaults to {@link CacheSharing#SHARED}
     * @param from stage or image whose {@code source} seeds an empty cache; null means empty
     * @param mode permission bits of the cache root when created (BuildKit: 0755 when null)
     * @param uid owner of the cache root (0 when null)
     * @param gid group of the cache root (0 when null)
     */
    record Cache(
            String target,
            String id,
            CacheSharing sharing,
            String from,
            String source,
            Long mode,
            Long uid,
            Long gid,
            boolean readOnly,
            String spec)
            implements Mount {}

    /**
     * {@code type=tmpfs}: an empty in-memory filesystem.
     *
     * @param sizeBytes the size limit; null means unlimited
     */
    record Tmpfs(String target, Long sizeBytes, boolean readOnly, String spec) implements Mount {}

    /**
     * {@code type=secret}: one secret as a read-only file and/or an environment variable.
     *
     * @param id the secret's id: {@code source}, else {@code id}, else the target's base name
     * @param target the file; defaults to {@code /run/secrets/<id>} unless {@code env} is given,
     *     in which case null means "environment only"
     * @param env the environment variable to set, or null
     * @param required true makes a missing secret an error instead of an empty mount
     * @param mode file mode (BuildKit: 0400 when null)
     */
    record Secret(String id, String target, String env, boolean required, Long mode, Long uid, Long gid, String spec)
            implements Mount {}

    /**
     * {@code type=ssh}: a forwarded SSH agent socket.
     *
     * @param id the agent id; defaults to {@code default}
     * @param target the socket path, or null for BuildKit's {@code /run/buildkit/ssh_agent.<n>}
     *     where n counts the SSH mounts of the RUN
     * @param mode socket mode (BuildKit: 0600 when null)
     */
    record Ssh(String id, String target, boolean required, Long mode, Long uid, Long gid, String spec)
            implements Mount {}
}
