package dev.jbuild.builder.files;

import java.util.List;

/**
 * What a copy did.
 *
 * @param entries the number of entries copied, extracted or downloaded (directories created only to hold the
 *     destination are not counted)
 * @param unsearchableDirectories directories, as paths in the image, that {@code --chmod} left readable but
 *     not searchable by some class of users (the copy created them on the way to the destination, or copied
 *     them): BuildKit applies --chmod to them since Docker 28.1 (fsutil#228), and users other than root can
 *     then not reach what is inside. Empty without {@code --chmod}.
 */
public record CopyResult(int entries, List<String> unsearchableDirectories) {
    public CopyResult {
        unsearchableDirectories = List.copyOf(unsearchableDirectories);
    }
}
