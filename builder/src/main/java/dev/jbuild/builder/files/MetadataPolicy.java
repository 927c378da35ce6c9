package dev.jbuild.builder.files;

import dev.jbuild.parser.instructions.ChmodMode;
import dev.jbuild.parser.instructions.InstructionException;
import java.nio.file.attribute.FileTime;

/**
 * Which owner, mode and time a copied entry gets, by BuildKit's rules: {@code --chown} wins, else context
 * files are 0:0 and files from a stage keep their ids; {@code --chmod} replaces or edits the mode of
 * everything but symlinks; {@code SOURCE_DATE_EPOCH} replaces every time.
 */
record MetadataPolicy(CopyRequest.Owner owner, boolean resetOwner, ChmodMode chmod, FileTime epoch) {

    static MetadataPolicy of(CopyRequest request) {
        return new MetadataPolicy(request.owner(), request.fromContext(),
                request.chmod() == null ? null : chmod(request.chmod()),
                request.sourceDateEpoch() == null ? null : FileTime.fromMillis(request.sourceDateEpoch() * 1000));
    }

    /** The {@code --chmod} value read; an invalid one is refused as Docker refuses it. */
    static ChmodMode chmod(String text) {
        try {
            return ChmodMode.parse(text);
        } catch (InstructionException e) {
            throw new CopyException(e.getMessage());
        }
    }

    int uid(FileStat source) {
        return owner != null ? owner.uid() : resetOwner ? 0 : source.uid();
    }

    int gid(FileStat source) {
        return owner != null ? owner.gid() : resetOwner ? 0 : source.gid();
    }

    int mode(int sourceMode, boolean directory) {
        return chmod == null ? sourceMode & 07777 : chmod.applyTo(sourceMode, directory);
    }

    FileTime time(FileTime source) {
        return epoch != null ? epoch : source;
    }

    /** Owner of directories the copy creates on the way to the destination and of synthetic files. */
    int createdUid() {
        return owner == null ? 0 : owner.uid();
    }

    int createdGid() {
        return owner == null ? 0 : owner.gid();
    }

    /** Mode of directories created on the way to the destination: 0755, or what --chmod makes of it. */
    int createdDirectoryMode() {
        return chmod == null ? 0755 : chmod.createdDirectoryMode();
    }
}
