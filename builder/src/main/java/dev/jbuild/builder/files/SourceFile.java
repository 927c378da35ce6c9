package dev.jbuild.builder.files;

/**
 * One entry a COPY/ADD source covers, as its checksum saw it: enough to say later what changed.
 *
 * @param path the name it has below the destination ({@code app/main.c}); {@code <<EOF} for a heredoc, the URL for a download
 * @param type {@code f} file, {@code d} directory, {@code l} symlink, {@code c}/{@code b} device, {@code p} fifo
 * @param owner {@code uid:gid} as the checksum counts it
 * @param content a file's SHA-256 (hex), a symlink's target, a device's numbers; empty otherwise
 */
public record SourceFile(String path, char type, int mode, String owner, String content) {
}
