package dev.jbuild.builder.files;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.ApplyResult;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.MalformedLayerException;
import dev.jbuild.layertar.SymlinkTraversal;
import dev.jbuild.layertar.UnsafeEntryException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * ADD of a local tar archive: detected by content (plain, gzip, bzip2, xz or zstd, whatever the name says),
 * decompressed, and applied to the destination directory with {@link LayerApplier}, so a hostile archive
 * (entries with {@code ..}, absolute names, links out of the tree) is refused the way a hostile layer is,
 * before anything is written.
 *
 * <p>Differences from a layer, following BuildKit's unpack: the archive's own root entry ({@code ./}) does
 * not change the destination directory; with {@code --chown} every entry named in the archive gets the given
 * ids; {@code --chmod} does not apply. Whiteout names ({@code .wh.*}) would be applied as deletions by a
 * layer applier, whereas Docker extracts them as plain files: such archives are refused instead.
 */
final class ArchiveUnpacker {
    enum Compression { NONE, GZIP, BZIP2, XZ, ZSTD }

    private static final int BLOCK = 512;

    private ArchiveUnpacker() {
    }

    /**
     * BuildKit's {@code isArchivePath}: a regular file whose (decompressed) content starts with a valid tar
     * header. Returns null when the file is not an archive.
     */
    static Compression detect(Path file) throws IOException {
        Compression compression;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] magic = in.readNBytes(6);
            compression = compressionOf(magic);
        }
        try (InputStream in = open(file, compression)) {
            return isTarHeader(in.readNBytes(BLOCK)) ? compression : null;
        } catch (IOException e) {
            return null; // not decodable: copied as a plain file
        }
    }

    /**
     * Extracts into {@code destination} (an existing directory), reading the archive once: decompressed
     * as it streams into the applier, which checks every entry before it writes anything.
     *
     * @param owner ids for every entry of the archive, or null to keep the archive's
     * @param stagingParent where temporary files go (same file system as the destination)
     * @return entries written
     */
    static int extract(Path archive, Compression compression, Path destination, CopyRequest.Owner owner,
                       Path stagingParent, String displayName) throws IOException {
        DirectoryMetadata kept = DirectoryMetadata.read(destination);
        ApplyOptions options = new ApplyOptions(true, SymlinkTraversal.SCOPED_TO_ROOT, stagingParent)
                .refusingWhiteoutNames();
        if (owner != null) {
            options = options.withOwner(owner.uid(), owner.gid());
        }
        ApplyResult result;
        try (InputStream in = open(archive, compression)) {
            result = LayerApplier.of(options).apply(in, destination);
        } catch (UnsafeEntryException e) {
            throw new CopyException("refusing to extract " + displayName + ": entry '" + e.entryName() + "': "
                    + e.reason(), e);
        } catch (MalformedLayerException e) {
            throw new CopyException("cannot extract " + displayName + ": " + e.getMessage(), e);
        }
        kept.restore(destination);
        return result.entriesApplied();
    }

    static InputStream open(Path file, Compression compression) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            return switch (compression) {
                case NONE -> raw;
                case GZIP -> new GzipCompressorInputStream(raw, true);
                case BZIP2 -> new BZip2CompressorInputStream(raw, true);
                case XZ -> new XZCompressorInputStream(raw, true);
                case ZSTD -> new ZstdCompressorInputStream(raw);
            };
        } catch (IOException | RuntimeException | LinkageError e) {
            raw.close();
            throw e instanceof IOException io ? io : new IOException("cannot decode " + file + ": " + e, e);
        }
    }

    private static Compression compressionOf(byte[] magic) {
        if (startsWith(magic, 0x1f, 0x8b, 0x08)) {
            return Compression.GZIP;
        }
        if (startsWith(magic, 'B', 'Z', 'h')) {
            return Compression.BZIP2;
        }
        if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return Compression.XZ;
        }
        if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Go's archive/tar accepts a first block that is not all zeros and whose checksum field is right. */
    static boolean isTarHeader(byte[] block) {
        if (block.length < BLOCK) {
            return false;
        }
        boolean allZero = true;
        for (byte b : block) {
            if (b != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return false;
        }
        String field = new String(block, 148, 8, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        if (field.isEmpty() || !field.matches("[0-7]+")) {
            return false;
        }
        long recorded = Long.parseLong(field, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        return recorded == unsigned || recorded == signed;
    }

    /** The destination directory's own metadata, which an archive's "./" entry must not change. */
    private record DirectoryMetadata(int mode, int uid, int gid, FileTime mtime) {
        static DirectoryMetadata read(Path directory) throws IOException {
            FileStat stat = FileStat.lstat(directory);
            return new DirectoryMetadata(stat.permissions(), stat.uid(), stat.gid(), stat.mtime());
        }

        void restore(Path directory) throws IOException {
            Metadata.chown(directory, uid, gid);
            Metadata.chmod(directory, mode);
            Files.getFileAttributeView(directory, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, mtime, null);
        }
    }
}
