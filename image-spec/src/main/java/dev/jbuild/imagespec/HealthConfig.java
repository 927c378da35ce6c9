package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Docker's {@code Healthcheck} in an image config. Durations are stored by Docker as integer
 * nanoseconds; zero means "inherit the default", as in Docker.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", argv...]} or {@code ["CMD-SHELL", script]}
 */
public record HealthConfig(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                           Duration startInterval, int retries) {

    public HealthConfig {
        test = test == null ? List.of() : List.copyOf(test);
        interval = interval == null ? Duration.ZERO : interval;
        timeout = timeout == null ? Duration.ZERO : timeout;
        startPeriod = startPeriod == null ? Duration.ZERO : startPeriod;
        startInterval = startInterval == null ? Duration.ZERO : startInterval;
    }

    ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        JsonFields.putStrings(obj, "Test", test);
        putDuration(obj, "Interval", interval);
        putDuration(obj, "Timeout", timeout);
        putDuration(obj, "StartPeriod", startPeriod);
        putDuration(obj, "StartInterval", startInterval);
        if (retries != 0) {
            obj.put("Retries", retries);
        }
        return obj;
    }

    static HealthConfig fromJson(JsonNode obj) {
        return new HealthConfig(JsonFields.strings(obj, "Test"), duration(obj, "Interval"), duration(obj, "Timeout"),
                duration(obj, "StartPeriod"), duration(obj, "StartInterval"),
                (int) JsonFields.number(obj, "Retries", 0));
    }

    private static void putDuration(ObjectNode obj, String field, Duration value) {
        if (!value.isZero()) {
            obj.put(field, value.toNanos());
        }
    }

    private static Duration duration(JsonNode obj, String field) {
        return Duration.ofNanos(JsonFields.number(obj, field, 0));
    }
}
