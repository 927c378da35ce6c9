package dev.jbuild.registry;

import dev.jbuild.imagespec.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Non-distributable ("foreign") layers that a registry does not hold, fetched from the URLs their
 * descriptor lists, without credentials (they belong to the registry, not to these hosts). The bytes
 * are verified by the store like any other blob.
 */
final class ForeignLayers {
    private ForeignLayers() {
    }

    static InputStream open(List<String> urls, Descriptor blob) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        IOException last = null;
        for (String url : urls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                continue;
            }
            try {
                HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                response.body().close();
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while fetching a foreign layer");
            }
        }
        throw new NotFoundInRegistryException("foreign layer " + blob.digest() + " is neither in the registry nor at "
                + "its URLs " + urls + (last == null ? "" : " (" + HttpTransport.rootMessage(last) + ")"));
    }
}
