package dev.jbuild.layertar;

/** The entry types a layer carries, with their ustar type flags. */
public enum TarEntryType {
    REGULAR('0'),
    HARDLINK('1'),
    SYMLINK('2'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    DIRECTORY('5'),
    FIFO('6');

    final byte flag;

    TarEntryType(char flag) {
        this.flag = (byte) flag;
    }
}
