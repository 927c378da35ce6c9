package dev.jbuild.analysis;

import dev.jbuild.layertar.TarHeader;
import java.io.IOException;
import java.io.InputStream;

/** Called for every entry of every layer, bottom layer first, in the order the layer's tar has them. */
@FunctionalInterface
public interface LayerVisitor {
    /**
     * @param path the entry's path, cleaned and absolute (whiteout names as they are)
     * @param data the entry's bytes (regular files only; empty otherwise), readable only during the call
     */
    void entry(int layer, String path, TarHeader header, InputStream data) throws IOException;
}
