package dev.jbuild.registry.testing;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.registry.ImagePusher;
import dev.jbuild.registry.PushOptions;
import dev.jbuild.registry.PushResult;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.List;

/**
 * Multi-platform images in a registry, as {@code docker buildx build --platform a,b --push} leaves them:
 * each platform's image pushed by digest, then an OCI index over them PUT under a tag.
 */
public final class TestIndexes {
    private TestIndexes() {
    }

    /** Pushes the store's image {@code source} to {@code host/repository} and returns its index entry for {@code platform}. */
    public static Descriptor pushEntry(ImageStore store, Registries registries, String source, String host,
                                       String repository, Platform platform) throws IOException {
        PushResult pushed = new ImagePusher(store, registries, TransferListener.NONE).push(source,
                Reference.parse(host + "/" + repository + ":" + platform.toString().replace('/', '-')),
                PushOptions.defaults());
        return new Descriptor(MediaTypes.OCI_MANIFEST, pushed.digest(), pushed.manifestSize()).withPlatform(platform);
    }

    /** PUTs an OCI index over {@code entries} as {@code repository:tag}; returns its digest. */
    public static Digest putIndex(Registries registries, String host, String repository, String tag,
                                  List<Descriptor> entries) throws IOException {
        byte[] index = Index.oci(entries).toJson();
        registries.forPush(host).putManifest(repository, tag, MediaTypes.OCI_INDEX, index);
        return Digest.of(index);
    }
}
