package dev.jbuild.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and a secret (password or token) for one registry. {@link #toString} never shows the
 * secret, so a credential that ends up in a log or a message gives nothing away.
 *
 * @param identityToken an OAuth refresh token Docker stores instead of a password ({@code identitytoken}),
 *     or null
 */
public record Credentials(String username, String secret, String identityToken) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    public Credentials(String username, String secret) {
        this(username, secret, null);
    }

    /** The value of an {@code Authorization: Basic} header. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", secret hidden]";
    }
}
