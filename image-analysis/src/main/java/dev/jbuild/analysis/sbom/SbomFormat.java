package dev.jbuild.analysis.sbom;

/** The SBOM documents jbuild writes, with the media type each is stored and carried under. */
public enum SbomFormat {
    CYCLONEDX_JSON("cyclonedx-json", "application/vnd.cyclonedx+json"),
    SPDX_JSON("spdx-json", "application/spdx+json");

    private final String label;
    private final String mediaType;

    SbomFormat(String label, String mediaType) {
        this.label = label;
        this.mediaType = mediaType;
    }

    public String label() {
        return label;
    }

    public String mediaType() {
        return mediaType;
    }

    /** @throws IllegalArgumentException for any other label, naming the known ones */
    public static SbomFormat fromLabel(String label) {
        for (SbomFormat format : values()) {
            if (format.label.equals(label)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown SBOM format '" + label + "': use cyclonedx-json or spdx-json");
    }

    public static SbomFormat fromMediaType(String mediaType) {
        for (SbomFormat format : values()) {
            if (format.mediaType.equals(mediaType)) {
                return format;
            }
        }
        return null;
    }
}
