package dev.jbuild.store;

/** No image matches the name, reference or ID the user gave. */
public final class ImageNotFoundException extends StoreException {
    private final String query;

    public ImageNotFoundException(String query) {
        super("No such image: " + query);
        this.query = query;
    }

    /** What was looked up, as the user wrote it. */
    public String query() {
        return query;
    }
}
