package dev.jbuild.registry;

/** Receives transfer events, from several threads at once (blobs move in parallel). */
@FunctionalInterface
public interface TransferListener {
    void on(TransferEvent event);

    TransferListener NONE = event -> { };
}
