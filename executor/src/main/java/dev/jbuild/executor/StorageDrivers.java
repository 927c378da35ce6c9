package dev.jbuild.executor;

import java.util.Locale;
import java.util.Map;

/**
 * Chooses the storage driver: the one asked for ({@code --storage-driver}, else
 * {@code JBUILD_STORAGE_DRIVER}), else overlay when a real probe mount works, else vfs.
 */
public final class StorageDrivers {
    public static final String ENVIRONMENT_VARIABLE = "JBUILD_STORAGE_DRIVER";

    /** The chosen driver and, in one line, why. */
    public record Selection(StorageDriver driver, String reason) {
    }

    private StorageDrivers() {
    }

    /** The driver name asked for: the flag when given, else the environment variable; null means detect. */
    public static String requested(String flag, Map<String, String> environment) {
        if (flag != null && !flag.isBlank()) {
            return flag.trim();
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
    }

    /**
     * @param requested {@code overlay}, {@code vfs} or null to detect
     * @throws StorageException the name is unknown, or overlay was asked for and does not work here
     */
    public static Selection select(String requested, ExecutorLayout layout) throws StorageException {
        if (requested == null) {
            OverlayProbe.Result probe = OverlayProbe.probeOrRecall(layout);
            if (probe.usable()) {
                return new Selection(new OverlayDriver(layout.overlay()), "detected: " + probe.reason());
            }
            return new Selection(new VfsDriver(layout.vfs()), "detected: overlay unusable (" + probe.reason()
                    + "), using vfs (full copy per step)");
        }
        switch (requested.toLowerCase(Locale.ROOT)) {
            case OverlayDriver.NAME -> {
                OverlayProbe.Result probe = OverlayProbe.probeOrRecall(layout);
                if (!probe.usable()) {
                    throw new StorageException("storage driver overlay was requested but cannot be used: "
                            + probe.reason() + " (use --storage-driver vfs)");
                }
                return new Selection(new OverlayDriver(layout.overlay()), "requested; " + probe.reason());
            }
            case VfsDriver.NAME -> {
                return new Selection(new VfsDriver(layout.vfs()), "requested");
            }
            default -> throw new StorageException("unknown storage driver '" + requested
                    + "' (expected overlay or vfs)");
        }
    }
}
