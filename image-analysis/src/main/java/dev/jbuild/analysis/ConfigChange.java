package dev.jbuild.analysis;

/**
 * One difference of the image configs: a field ({@code Cmd}), or one key of a map-like field
 * ({@code Labels[version]}, {@code Env[PATH]}); values as text, null where absent.
 */
public record ConfigChange(String field, String before, String after) {
}
