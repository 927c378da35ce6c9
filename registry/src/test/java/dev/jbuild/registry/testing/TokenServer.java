package dev.jbuild.registry.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, real token server for the distribution registry's {@code auth: token}: it checks Basic
 * credentials (or none, for anonymous pulls), and issues RS256 JWTs the registry verifies against the
 * certificate in its {@code rootcertbundle} (sent in the {@code x5c} header). Authenticated users get
 * every action they ask for; anonymous ones only {@code pull}.
 */
public final class TokenServer implements AutoCloseable {
    public static final String SERVICE = "jbuild-test-registry";
    public static final String ISSUER = "jbuild-test-issuer";

    private final HttpServer server;
    private final TestCa ca;
    private final Map<String, String> users;
    private final Map<String, String> refreshTokens;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    public TokenServer(Path dir, Map<String, String> users) throws IOException {
        this(dir, users, Map.of());
    }

    /**
     * @param refreshTokens OAuth refresh tokens (Docker's identity tokens) this server takes in a
     *     {@code grant_type=refresh_token} POST, each to the account it stands for
     */
    public TokenServer(Path dir, Map<String, String> users, Map<String, String> refreshTokens) throws IOException {
        this.ca = TestCa.create(dir);
        this.users = Map.copyOf(users);
        this.refreshTokens = Map.copyOf(refreshTokens);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/token", this::handle);
        server.start();
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public Path certificateFile() {
        return ca.caFile();
    }

    public int issued() {
        return issued.get();
    }

    /** The query strings of every GET token request, and {@code POST <form>} for every OAuth POST. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String account;
            if (exchange.getRequestMethod().equals("POST")) {
                // The OAuth 2 form: the grant and the scopes in the body, space-separated scopes in one field.
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add("POST " + form);
                account = params(form, "grant_type").equals(List.of("refresh_token"))
                        && exchange.getRequestHeaders().getFirst("Authorization") == null
                        ? refreshTokens.get(params(form, "refresh_token").stream().findFirst().orElse("")) : null;
                query = params(form, "scope").stream().flatMap(s -> java.util.Arrays.stream(s.split(" ")))
                        .map(s -> "scope=" + java.net.URLEncoder.encode(s, StandardCharsets.UTF_8))
                        .collect(java.util.stream.Collectors.joining("&"));
            } else {
                requests.add(query == null ? "" : query);
                account = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            if (account == null) {
                reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            for (String scope : params(query, "scope")) {
                String[] parts = scope.split(":");
                if (parts.length != 3) {
                    continue;
                }
                List<String> actions = new ArrayList<>();
                for (String action : parts[2].split(",")) {
                    if (!account.isEmpty() || action.equals("pull")) {
                        actions.add(action);
                    }
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", parts[0]);
                entry.put("name", parts[1]);
                entry.put("actions", actions);
                access.add(entry);
            }
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(account)
                    .audience(SERVICE).issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(60)))
                    .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                    .claim("access", access).build();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .x509CertChain(List.of(Base64.encode(ca.certificate().getEncoded()))).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) ca.keys().getPrivate()));
            issued.incrementAndGet();
            String field = exchange.getRequestMethod().equals("POST") ? "access_token" : "token";
            reply(exchange, 200, "{\"" + field + "\":\"" + jwt.serialize() + "\",\"expires_in\":300}");
        } catch (Exception e) {
            reply(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** The account name, "" for anonymous, null for wrong credentials. */
    private String authenticate(String header) {
        if (header == null) {
            return "";
        }
        if (!header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return decoded.substring(colon + 1).equals(users.get(user)) ? user : null;
    }

    private static List<String> params(String query, String name) {
        List<String> out = new ArrayList<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                out.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
