package dev.jbuild.builder.files;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.List;

/**
 * The cache-key digest of planned items. Each item contributes its kind and name, then every entry it
 * copies: path below the item, type, mode bits, owner (0:0 for context files, as BuildKit sees them), link
 * target, device numbers and the content's sha256. Times never count. Every field is length-prefixed so no
 * two different inputs serialise alike.
 */
final class Checksummer {
    private final SourceView view;
    private final ItemWalker walker;
    private final ContentHashCache cache;
    private final UrlFetcher fetcher;
    private final String urlChecksum;

    Checksummer(SourceView view, ContentHashCache cache, UrlFetcher fetcher, String urlChecksum) {
        this.view = view;
        this.walker = view == null ? null : new ItemWalker(view);
        this.cache = cache;
        this.fetcher = fetcher;
        this.urlChecksum = urlChecksum;
    }

    SourceDigest digest(List<PlannedItem> items) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        int files = 0;
        for (PlannedItem item : items) {
            if (item instanceof PlannedItem.Local local) {
                put(sha, "local");
                put(sha, local.relative());
                put(sha, local.name());
                for (ItemWalker.Entry entry : walker.walk(local)) {
                    putEntry(sha, entry);
                    files++;
                }
            } else if (item instanceof PlannedItem.Inline inline) {
                put(sha, "inline");
                put(sha, inline.name());
                sha.update(Sha256.newDigest().digest(inline.content()));
                files++;
            } else if (item instanceof PlannedItem.Url url) {
                put(sha, "url");
                put(sha, url.url());
                put(sha, url.name());
                // BuildKit keys a URL with --checksum by that checksum, without downloading it.
                put(sha, urlChecksum != null ? urlChecksum.toLowerCase(java.util.Locale.ROOT)
                        : fetcher.fetch(url.url()).digest().value());
                files++;
            }
        }
        return new SourceDigest(Digest.finish(sha), files);
    }

    private void putEntry(MessageDigest sha, ItemWalker.Entry entry) throws IOException {
        FileStat stat = entry.stat();
        put(sha, "entry");
        put(sha, entry.relative());
        put(sha, String.valueOf(stat.typeLetter()));
        put(sha, Integer.toOctalString(stat.permissions()));
        put(sha, view.resetsOwner() ? "0:0" : stat.uid() + ":" + stat.gid());
        if (stat.isSymlink()) {
            put(sha, Files.readSymbolicLink(view.path(entry.sourceRelative())).toString());
        } else if (stat.isDevice()) {
            put(sha, stat.deviceMajor() + "," + stat.deviceMinor());
        } else if (stat.isRegular()) {
            sha.update(cache.sha256(entry.sourceRelative(), view.path(entry.sourceRelative()), stat));
        }
    }

    private static void put(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        sha.update(bytes);
    }
}
