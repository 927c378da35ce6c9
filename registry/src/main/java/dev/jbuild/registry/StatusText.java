package dev.jbuild.registry;

/** The reason phrase of an HTTP status, which Java's client does not keep, for messages. */
final class StatusText {
    private StatusText() {
    }

    /** {@code 503 Service Unavailable}; the bare number for a status without a usual phrase. */
    static String of(int status) {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return phrase.isEmpty() ? String.valueOf(status) : status + " " + phrase;
    }

    /** Statuses that say "not now" rather than "no": tried again with backoff. */
    static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }
}
