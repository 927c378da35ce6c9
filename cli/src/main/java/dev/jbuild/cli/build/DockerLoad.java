package dev.jbuild.cli.build;

import dev.jbuild.cli.UserError;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.EngineLoadException;
import dev.jbuild.transfer.ImageSaver;
import dev.jbuild.transfer.SaveOptions;
import dev.jbuild.transfer.engine.EngineLoad;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code build --load}: the built image into the local Docker engine ({@link EngineLoad}: its API when
 * the socket answers, else the docker CLI). The archive is streamed uncompressed, as {@code docker
 * save} writes it; what the engine says goes to stderr.
 */
public final class DockerLoad {
    private DockerLoad() {}

    public static void load(ImageStore store, List<String> names, Map<String, String> env, PrintStream err)
            throws IOException {
        try {
            EngineLoad.load(env, out -> new ImageSaver(store).save(names,
                    SaveOptions.defaults().withCompression(Compression.NONE), out), err::println);
        } catch (EngineLoadException e) {
            throw new UserError("--load: " + e.getMessage() + "; the image stays in jbuild's store (save it with "
                    + "-o type=docker,dest=FILE, or start a Docker engine)", e);
        }
    }
}
