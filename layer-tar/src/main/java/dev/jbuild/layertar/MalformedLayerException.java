package dev.jbuild.layertar;

import java.io.IOException;

/** The stream is not a tar archive this module can read (bad checksum, truncated, unsupported entry type). */
public final class MalformedLayerException extends IOException {
    public MalformedLayerException(String message) {
        super(message);
    }
}
