package dev.jbuild.registry;

import dev.jbuild.imagespec.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A blob's bytes from the registry. When the connection drops before {@code size} bytes arrived, the
 * download goes on from where it stopped with {@code Range: bytes=N-} (a registry that ignores the
 * range and sends the whole blob again has its first N bytes skipped), up to the retry policy's count.
 * What arrives is not checked here: the store checks digest and size while writing it.
 */
final class ResumingBlobStream extends InputStream {
    private static final int TRANSFER_BUFFER = 1 << 20;
    private final HttpTransport http;
    private final String repository;
    private final Descriptor blob;
    private final LongConsumer progress;
    private InputStream current;
    private long received;
    private int resumes;

    ResumingBlobStream(HttpTransport http, String repository, Descriptor blob, LongConsumer progress) throws IOException {
        this.http = http;
        this.repository = repository;
        this.blob = blob;
        this.progress = progress;
        this.current = open();
    }

    private InputStream open() throws IOException {
        Map<String, String> headers = received == 0 ? Map.of() : Map.of("Range", "bytes=" + received + "-");
        HttpResponse<InputStream> response = http.send(HttpTransport.Request.get(
                "/v2/" + repository + "/blobs/" + blob.digest(), RegistryClient.pull(repository), headers,
                "downloading blob " + blob.digest().shortId() + " of " + repository));
        int status = response.statusCode();
        if (status == 206 && received > 0) {
            return response.body();
        }
        if (status == 200) {
            InputStream body = response.body();
            long skipped = body.skip(received);
            while (skipped < received) {
                if (body.read() < 0) {
                    throw new IOException("the registry's second answer for blob " + blob.digest().shortId()
                            + " is shorter than the first");
                }
                skipped++;
            }
            return body;
        }
        byte[] error = HttpTransport.readSmall(response, 1 << 16);
        if (status == 404) {
            throw new NotFoundInRegistryException("blob " + blob.digest() + " is missing from " + http.registry() + "/"
                    + repository + " (" + RegistryClient.errorText(error, "blob unknown")
                    + "): the image in the registry is incomplete");
        }
        throw new RegistryProtocolException("downloading blob " + blob.digest().shortId() + " from " + http.registry()
                + " failed: " + StatusText.of(status) + RegistryClient.errorDetail(error), status);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = current.read(b, off, len);
                if (n > 0) {
                    received += n;
                    progress.accept(received);
                    return n;
                }
                if (n < 0 && received < blob.size()) {
                    throw new IOException("the connection closed after " + received + " of " + blob.size() + " bytes");
                }
                return n;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                closeQuietly();
                if (++resumes >= Math.max(2, http.retryPolicy().attempts())) {
                    throw http.unreachable(e, resumes);
                }
                http.retryPolicy().pause(resumes, null, http.registry());
                current = open();
            }
        }
    }

    /**
     * In large writes: the client hands over one of its small buffers per read, so reads fill a whole
     * transfer buffer before it is written; a write that large goes past the store's write buffer (one
     * copy less) and is hashed and queued for the disk in one call.
     */
    @Override
    public long transferTo(java.io.OutputStream out) throws IOException {
        byte[] buffer = new byte[TRANSFER_BUFFER];
        long total = 0;
        while (true) {
            int filled = 0;
            int n = 0;
            while (filled < buffer.length && (n = read(buffer, filled, buffer.length - filled)) >= 0) {
                filled += n;
            }
            if (filled > 0) {
                out.write(buffer, 0, filled);
                total += filled;
            }
            if (n < 0) {
                return total;
            }
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }

    private void closeQuietly() {
        try {
            current.close();
        } catch (IOException ignored) {
            // the connection is gone already
        }
    }
}
