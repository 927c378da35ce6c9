package dev.jbuild.imagespec;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference, normalised like Docker's {@code ParseNormalizedNamed}: {@code busybox} is
 * {@code docker.io/library/busybox}, {@code index.docker.io} is {@code docker.io}, a first component
 * with a dot or colon, {@code localhost}, or an upper-case letter is a registry. Validation follows
 * the distribution reference grammar (lower-case path components with {@code . _ __ -+}
 * separators, tags {@code [\w][\w.-]{0,127}}, names up to 255 characters).
 *
 * @param domain the registry, {@code docker.io} for Docker Hub
 * @param path the repository path within the registry, {@code library/busybox}
 * @param tag null when absent
 * @param digest null when absent
 */
public record Reference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int NAME_MAX = 255;

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])";
    private static final String DOMAIN = HOST + "(?::[0-9]+)?";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    // Docker's [\w][\w.-]{0,127}, spelled out: \w makes the regex engine set up a lambda class on first use
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern TAG_ONLY = Pattern.compile(TAG);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    public Reference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses and normalises, adding {@code :latest} when there is neither tag nor digest (Docker's
     * {@code TagNameOnly}), which is what every command that names one image means.
     */
    public static Reference parse(String text) {
        Reference ref = parseNormalized(text);
        return ref.tag == null && ref.digest == null ? ref.withTag(DEFAULT_TAG) : ref;
    }

    /** Parses and normalises without adding a default tag (a repository name stays bare). */
    public static Reference parseNormalized(String text) {
        if (text == null) {
            throw new InvalidReferenceException("", "invalid reference format");
        }
        if (IDENTIFIER.matcher(text).matches()) {
            throw new InvalidReferenceException(text, "invalid repository name (" + text
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String[] split = splitDomain(text);
        String domain = split[0];
        String remainder = split[1];
        int colon = remainder.indexOf(':');
        String remote = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            throw new InvalidReferenceException(text,
                    "invalid reference format: repository name (" + remote + ") must be lowercase");
        }
        return strictParse(text, domain + "/" + remainder);
    }

    /** Whether {@code text} is a valid tag on its own. */
    public static boolean isValidTag(String text) {
        return text != null && TAG_ONLY.matcher(text).matches();
    }

    private static String[] splitDomain(String name) {
        int slash = name.indexOf('/');
        String domain;
        String remote;
        if (slash < 0) {
            return new String[] {DEFAULT_DOMAIN, OFFICIAL_PREFIX + name};
        }
        String first = name.substring(0, slash);
        String rest = name.substring(slash + 1);
        if (first.equals("localhost")) {
            domain = first;
            remote = rest;
        } else if (first.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
            remote = rest;
        } else if (first.contains(".") || first.contains(":")) {
            domain = first;
            remote = rest;
        } else if (!first.toLowerCase(Locale.ROOT).equals(first)) {
            // upper case is not allowed in a path, so it must be a registry host
            domain = first;
            remote = rest;
        } else {
            domain = DEFAULT_DOMAIN;
            remote = name;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !remote.contains("/")) {
            remote = OFFICIAL_PREFIX + remote;
        }
        return new String[] {domain, remote};
    }

    /** The distribution grammar's {@code Parse}, on an already normalised name. */
    private static Reference strictParse(String input, String text) {
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            if (text.isEmpty()) {
                throw new InvalidReferenceException(input, "repository name must have at least one component");
            }
            if (REFERENCE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidReferenceException(input, "repository name must be lowercase");
            }
            throw new InvalidReferenceException(input, "invalid reference format");
        }
        String name = m.group(1);
        if (name.length() > NAME_MAX) {
            throw new InvalidReferenceException(input, "repository name must not be more than " + NAME_MAX
                    + " characters");
        }
        Digest digest = null;
        if (m.group(3) != null) {
            try {
                digest = Digest.parse(m.group(3));
            } catch (InvalidDigestException e) {
                throw new InvalidReferenceException(input, "invalid checksum digest format");
            }
        }
        int slash = name.indexOf('/');
        return new Reference(name.substring(0, slash), name.substring(slash + 1), m.group(2), digest);
    }

    /** {@code domain/path}, the full repository name. */
    public String name() {
        return domain + "/" + path;
    }

    /** The repository as Docker shows it: {@code busybox}, {@code user/app}, {@code localhost:5000/app}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_PREFIX.length());
        }
        return path;
    }

    /** The reference as Docker shows it: {@code busybox:latest}, {@code busybox@sha256:...}. */
    public String familiarString() {
        return familiarName() + suffix();
    }

    public boolean isTagged() {
        return tag != null;
    }

    public boolean isDigested() {
        return digest != null;
    }

    public Reference withTag(String newTag) {
        return new Reference(domain, path, newTag, digest);
    }

    public Reference withDigest(Digest newDigest) {
        return new Reference(domain, path, tag, newDigest);
    }

    /** The bare repository, neither tag nor digest. */
    public Reference repository() {
        return new Reference(domain, path, null, null);
    }

    /** The full normalised form, {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest.value());
    }
}
