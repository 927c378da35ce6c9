package dev.jbuild.layertar;

import java.util.Objects;

/**
 * How a layer tar is written.
 *
 * @param sourceDateEpoch when not null, every mtime later than this (seconds since the epoch) is
 *     written as this, and whiteouts carry it; when null, mtimes are kept and whiteouts carry 0
 * @param xattrPolicy which extended attributes are recorded
 * @param headerStyle what headers say beyond numbers: nothing for a layer, more for an export
 */
public record WriterOptions(Long sourceDateEpoch, XattrPolicy xattrPolicy, HeaderStyle headerStyle) {

    public WriterOptions {
        Objects.requireNonNull(xattrPolicy, "xattrPolicy");
        Objects.requireNonNull(headerStyle, "headerStyle");
    }

    public WriterOptions(Long sourceDateEpoch, XattrPolicy xattrPolicy) {
        this(sourceDateEpoch, xattrPolicy, HeaderStyle.LAYER);
    }

    public WriterOptions(Long sourceDateEpoch) {
        this(sourceDateEpoch, XattrPolicy.PORTABLE);
    }

    public static WriterOptions defaults() {
        return new WriterOptions(null, XattrPolicy.PORTABLE);
    }

    public WriterOptions withHeaderStyle(HeaderStyle style) {
        return new WriterOptions(sourceDateEpoch, xattrPolicy, style);
    }

    /** The mtime to record for a file modified at {@code seconds}. */
    long clampMtime(long seconds) {
        return sourceDateEpoch != null && seconds > sourceDateEpoch ? sourceDateEpoch : seconds;
    }

    /** The mtime of entries that have no file behind them (whiteouts, opaque markers). */
    long syntheticMtime() {
        return sourceDateEpoch != null ? sourceDateEpoch : 0L;
    }
}
