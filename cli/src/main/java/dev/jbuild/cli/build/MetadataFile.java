package dev.jbuild.cli.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.UserError;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.store.ImageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code build --metadata-file FILE}: the JSON buildx writes after a build, with the fields scripts read
 * from it (the image's config digest, its manifest digest and descriptor, its names).
 */
public final class MetadataFile {
    private MetadataFile() {}

    public static void write(Path file, ImageRecord image, long manifestSize, List<String> tags) {
        ObjectNode metadata = CanonicalJson.object();
        metadata.put("buildx.build.ref", "jbuild/" + image.id().hex().substring(0, 25));
        metadata.put("containerimage.config.digest", image.id().value());
        ObjectNode descriptor = metadata.putObject("containerimage.descriptor");
        descriptor.put("mediaType", image.manifest().mediaType());
        descriptor.put("digest", image.manifestDigest().value());
        descriptor.put("size", manifestSize);
        metadata.put("containerimage.digest", image.manifestDigest().value());
        if (!tags.isEmpty()) {
            metadata.put("image.name", String.join(",", tags));
        }
        try {
            Files.writeString(file, CanonicalJson.indent(metadata, "  ") + "\n");
        } catch (IOException e) {
            throw new UserError("cannot write the metadata file " + file + ": " + e.getMessage(), e);
        }
    }
}
