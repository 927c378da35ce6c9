package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files of an archive after reading it once: each regular file hashed into the store's temp
 * area (a {@code blobs/sha256/<hex>} file checked against its name on the way), links recorded as the
 * archive path they lead to. Nothing of it is part of the store until published.
 */
final class StagedArchive implements AutoCloseable {
    /** JSON documents (configs, manifests, indexes) larger than this are refused rather than read. */
    static final int MAX_DOCUMENT = 16 << 20;
    private static final int MAX_LINK_HOPS = 16;

    private final Map<String, StagedBlob> files = new LinkedHashMap<>();
    private final Map<String, String> links = new LinkedHashMap<>();

    void addFile(String name, StagedBlob blob) {
        files.put(name, blob);
    }

    /** @param target the normalized archive path the link leads to */
    void addLink(String name, String target) {
        links.put(name, target);
    }

    boolean contains(String name) {
        return files.containsKey(name) || links.containsKey(name);
    }

    boolean isFile(String name) {
        return files.containsKey(name);
    }

    /** The file at {@code name}, following links; empty when there is none. */
    Optional<StagedBlob> find(String name) {
        String current = name;
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            StagedBlob file = files.get(current);
            if (file != null) {
                return Optional.of(file);
            }
            String next = links.get(current);
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        throw new InvalidArchiveException("archive entry '" + name + "' is a chain of more than " + MAX_LINK_HOPS
                + " links");
    }

    /** @param what names the file in the message when it is missing ({@code config of busybox:latest}) */
    StagedBlob file(String name, String what) {
        return find(name).orElseThrow(() -> new InvalidArchiveException(what + " '" + name
                + "' is not in the archive"));
    }

    Optional<StagedBlob> blob(Digest digest) {
        return find(ArchiveNames.blobPath(digest));
    }

    /** @param kind what the blob is ({@code layer}); @param image whose it is, or null */
    StagedBlob blob(Digest digest, String kind, String image) {
        return blob(digest).orElseThrow(() -> new InvalidArchiveException(kind + " " + digest
                + (image == null ? "" : " of " + image) + " is not in the archive"));
    }

    /** A small document's bytes; {@code what} names it in the message when it is too large. */
    static byte[] read(StagedBlob blob, String what) throws IOException {
        if (blob.size() > MAX_DOCUMENT) {
            throw new InvalidArchiveException(what + " is " + blob.size() + " bytes, more than the "
                    + MAX_DOCUMENT + " a JSON document of an image may have");
        }
        try (InputStream in = blob.open()) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        for (StagedBlob blob : files.values()) {
            blob.discard();
        }
    }
}
