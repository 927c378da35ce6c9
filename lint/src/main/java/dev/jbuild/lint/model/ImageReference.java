package dev.jbuild.lint.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference read with the grammar of the distribution project ({@code reference.ParseNormalizedNamed}),
 * which is what BuildKit uses to decide whether a FROM line names a valid image.
 *
 * @param domain the registry as written, or empty for Docker Hub
 * @param path the repository path ({@code library/python} is written {@code python})
 * @param tag the tag, or null
 * @param digest the digest, or null
 */
public record ImageReference(String domain, String path, String tag, String digest) {
    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+])(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern DOMAIN_PATTERN = Pattern.compile("^" + DOMAIN + "$");
    private static final Pattern REMAINDER = Pattern.compile(
            "^(" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final Pattern HEX64 = Pattern.compile("^[a-f0-9]{64}$");
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    /** The reference, or empty when BuildKit would refuse it as a base image name. */
    public static Optional<ImageReference> parse(String text) {
        if (text == null || text.isEmpty() || HEX64.matcher(text).matches()) {
            return Optional.empty();
        }
        String domain = "";
        String remainder = text;
        int slash = text.indexOf('/');
        if (slash > 0) {
            String first = text.substring(0, slash);
            boolean isDomain = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(Locale.ROOT).equals(first);
            if (isDomain) {
                domain = first;
                remainder = text.substring(slash + 1);
            }
        }
        String name = remainder.split("[:@]", 2)[0];
        if (!name.toLowerCase(Locale.ROOT).equals(name)) {
            return Optional.empty(); // repository name must be lowercase
        }
        if (!domain.isEmpty() && !DOMAIN_PATTERN.matcher(domain).matches()) {
            return Optional.empty();
        }
        Matcher m = REMAINDER.matcher(remainder);
        if (!m.matches()) {
            return Optional.empty();
        }
        String path = m.group(1);
        if ((domain.isEmpty() ? 0 : domain.length() + 1) + path.length() > NAME_TOTAL_LENGTH_MAX) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(domain, path, m.group(2), m.group(3)));
    }

    /** The registry host: {@code docker.io} for Docker Hub images. */
    public String registry() {
        return domain.isEmpty() ? "docker.io" : domain;
    }

    /** The repository without registry, tag or digest; Docker Hub's {@code library/} prefix removed. */
    public String repository() {
        String p = path;
        if ((domain.isEmpty() || domain.equals("docker.io") || domain.equals("index.docker.io")) && p.startsWith("library/")) {
            p = p.substring("library/".length());
        }
        return domain.isEmpty() || domain.equals("docker.io") || domain.equals("index.docker.io") ? p : domain + "/" + p;
    }
}
