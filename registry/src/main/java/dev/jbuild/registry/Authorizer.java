package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's 401 challenges for one registry: Basic with the stored credentials, or the
 * distribution token flow — {@code GET realm?service=...&scope=...}, anonymously or with Basic
 * credentials, or the OAuth 2 refresh-token grant (POST) when the credentials are an identity token, the
 * token then sent as {@code Bearer}. Tokens are kept per scope until they expire.
 */
final class Authorizer {
    /** The spec's default lifetime when the token server does not say. */
    private static final long DEFAULT_EXPIRY_SECONDS = 60;
    /** The OAuth client the token server is told about; the form requires one (Docker sends its own name). */
    private static final String CLIENT_ID = "jbuild";

    private final String registry;
    private final Optional<Credentials> credentials;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;

    private record Token(String header, Instant expires) {
    }

    Authorizer(String registry, Optional<Credentials> credentials) {
        this.registry = registry;
        this.credentials = credentials;
    }

    /** The header to send before any challenge was seen for this scope, or null. */
    String cachedHeader(List<String> scopes) {
        AuthChallenge known = challenge;
        if (known == null) {
            return null;
        }
        if (known.isBasic()) {
            return credentials.map(Credentials::basicHeader).orElse(null);
        }
        Token token = tokens.get(key(scopes));
        return token != null && token.expires().isAfter(Instant.now().plusSeconds(5)) ? token.header() : null;
    }

    /**
     * The header that answers {@code header} (a WWW-Authenticate value) for these scopes.
     *
     * @throws AuthenticationFailedException when no answer is possible or the token server refuses
     */
    String answer(String header, List<String> scopes, HttpTransport transport) throws IOException {
        AuthChallenge parsed = AuthChallenge.parse(header).orElseThrow(() -> new AuthenticationFailedException(
                registry + " asks for authentication but does not say how (no WWW-Authenticate header)"));
        challenge = parsed;
        if (parsed.isBasic()) {
            return credentials.map(Credentials::basicHeader).orElseThrow(() -> new AuthenticationFailedException(
                    registry + " requires a login: run 'jbuild login " + registry + "'"));
        }
        if (!parsed.isBearer()) {
            throw new AuthenticationFailedException(registry + " asks for '" + parsed.scheme()
                    + "' authentication, which jbuild does not speak (Basic and Bearer only)");
        }
        Token token = fetchToken(parsed, scopes, transport);
        tokens.put(key(scopes), token);
        return token.header();
    }

    /** {@code login}: proves the credentials against the token server with no scope, as Docker does. */
    void verifyLogin(String header, HttpTransport transport) throws IOException {
        answer(header, List.of(), transport);
    }

    private Token fetchToken(AuthChallenge parsed, List<String> scopes, HttpTransport transport) throws IOException {
        String realm = parsed.param("realm");
        if (realm == null || realm.isEmpty()) {
            throw new AuthenticationFailedException(registry + " sent a Bearer challenge without a realm");
        }
        List<String> wanted = scopes.isEmpty() && parsed.param("scope") != null ? List.of(parsed.param("scope")) : scopes;
        Optional<String> refreshToken = credentials.map(Credentials::identityToken).filter(t -> !t.isEmpty());
        HttpRequest request = refreshToken.isPresent()
                ? oauthRequest(realm, parsed.param("service"), wanted, refreshToken.get())
                : tokenRequest(realm, parsed.param("service"), wanted);
        HttpResponse<InputStream> response = transport.sendRaw(request, "token server of " + registry);
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(1 << 20);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403
                || (refreshToken.isPresent() && response.statusCode() == 400)) {
            throw new AuthenticationFailedException(refreshToken.isPresent()
                    ? "the token server of " + registry + " refused the identity token stored for it ("
                    + response.statusCode() + "): it expired or was revoked; run 'jbuild login " + registry + "' again"
                    : credentials.isPresent()
                    ? "login to " + registry + " refused (" + response.statusCode() + "): wrong user name or password? "
                    + "run 'jbuild login " + registry + "' again"
                    : registry + " refused anonymous access (" + response.statusCode() + "): run 'jbuild login "
                    + registry + "' first");
        }
        if (response.statusCode() != 200) {
            throw new AuthenticationFailedException("the token server of " + registry + " answered "
                    + response.statusCode() + " instead of a token");
        }
        JsonNode doc;
        try {
            doc = JsonTrees.read(body);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AuthenticationFailedException("the token server of " + registry + " sent something that is not JSON");
        }
        if (doc == null) {
            throw new AuthenticationFailedException("the token server of " + registry + " sent no token");
        }
        String token = doc.path("token").asText("");
        if (token.isEmpty()) {
            token = doc.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new AuthenticationFailedException("the token server of " + registry + " sent no token");
        }
        long expiresIn = doc.path("expires_in").asLong(DEFAULT_EXPIRY_SECONDS);
        return new Token("Bearer " + token, Instant.now().plusSeconds(Math.max(10, expiresIn)));
    }

    /** The distribution spec's token request: GET with the scopes in the query, Basic when logged in. */
    private HttpRequest tokenRequest(String realm, String service, List<String> scopes) {
        StringBuilder query = new StringBuilder();
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        for (String scope : scopes) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
        }
        if (credentials.isPresent() && !credentials.get().username().isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append("account=").append(encode(credentials.get().username()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(realmUri(realm,
                query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query)).GET();
        credentials.filter(c -> !c.username().isEmpty()).ifPresent(c -> request.header("Authorization", c.basicHeader()));
        return request.build();
    }

    /**
     * The OAuth 2 form the Docker CLI posts when config.json holds an {@code identitytoken}: the refresh
     * token is exchanged for an access token ({@code grant_type=refresh_token}), scopes space-separated.
     * No Basic header: the refresh token is the whole proof.
     */
    private HttpRequest oauthRequest(String realm, String service, List<String> scopes, String refreshToken) {
        StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=").append(CLIENT_ID)
                .append("&refresh_token=").append(encode(refreshToken))
                .append("&scope=").append(encode(String.join(" ", scopes)));
        if (service != null) {
            form.append("&service=").append(encode(service));
        }
        return HttpRequest.newBuilder(realmUri(realm, ""))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build();
    }

    private URI realmUri(String realm, String query) {
        try {
            return URI.create(realm + query);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException(registry + " names a token realm that is not a URL: " + realm);
        }
    }

    private static String key(List<String> scopes) {
        return String.join(" ", scopes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
