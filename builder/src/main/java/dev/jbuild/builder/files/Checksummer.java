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
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();
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
        List<SourceFile> entries = new java.util.ArrayList<>();
        int files = 0;
        for (PlannedItem item : items) {
            if (item instanceof PlannedItem.Local local) {
                put(sha, "local");
                put(sha, local.relative());
                put(sha, local.name());
                for (ItemWalker.Entry entry : walker.walk(local)) {
                    entries.add(putEntry(sha, entry, local.name()));
                    files++;
                }
            } else if (item instanceof PlannedItem.Inline inline) {
                put(sha, "inline");
                put(sha, inline.name());
                byte[] content = Sha256.newDigest().digest(inline.content());
                sha.update(content);
                entries.add(new SourceFile("<<" + inline.name(), 'f', 0644, "0:0", HEX.formatHex(content)));
                files++;
            } else if (item instanceof PlannedItem.Url url) {
                put(sha, "url");
                put(sha, url.url());
                put(sha, url.name());
                // BuildKit keys a URL with --checksum by that checksum, without downloading it.
                String checksum = urlChecksum != null ? urlChecksum.toLowerCase(java.util.Locale.ROOT)
                        : fetcher.fetch(url.url()).digest().value();
                put(sha, checksum);
                entries.add(new SourceFile(url.url(), 'f', 0600, "0:0", checksum));
                files++;
            }
        }
        return new SourceDigest(Digest.finish(sha), files, entries);
    }

    private SourceFile putEntry(MessageDigest sha, ItemWalker.Entry entry, String itemName) throws IOException {
        FileStat stat = entry.stat();
        put(sha, "entry");
        put(sha, entry.relative());
        put(sha, String.valueOf(stat.typeLetter()));
        put(sha, Integer.toOctalString(stat.permissions()));
        String owner = view.resetsOwner() ? "0:0" : stat.uid() + ":" + stat.gid();
        put(sha, owner);
        String content = "";
        if (stat.isSymlink()) {
            content = Files.readSymbolicLink(view.path(entry.sourceRelative())).toString();
            put(sha, content);
        } else if (stat.isDevice()) {
            content = stat.deviceMajor() + "," + stat.deviceMinor();
            put(sha, content);
        } else if (stat.isRegular()) {
            byte[] digest = cache.sha256(entry.sourceRelative(), view.path(entry.sourceRelative()), stat);
            sha.update(digest);
            content = HEX.formatHex(digest);
        }
        String path = entry.relative().isEmpty() ? itemName : itemName.isEmpty() ? entry.relative()
                : itemName + "/" + entry.relative();
        return new SourceFile(path.isEmpty() ? "." : path, stat.typeLetter(), stat.permissions(), owner, content);
    }

    private static void put(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        sha.update(bytes);
    }
}
