package dev.jbuild.executor;

import dev.jbuild.platform.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts an overlay with mount(2). The mount options travel in one page (4096 bytes including the
 * terminating NUL), which a deep image's lower-directory list overflows: absolute paths of 120
 * layers take 6 to 10 KiB. When the plain list does not fit, each lower directory is opened and
 * named by its descriptor ({@code /proc/self/fd/N}, 18 bytes a layer), which the kernel resolves
 * while parsing the options; the descriptors are closed right after. Docker solves the same problem
 * with short symlinks resolved relative to a changed working directory, which a JVM cannot do
 * safely (the working directory is shared by every thread).
 */
final class OverlayMount {
    /** PAGE_SIZE minus the NUL; smaller pages do not exist on the platforms Java runs containers on. */
    static final int MAX_OPTIONS = 4095;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    private OverlayMount() {
    }

    /**
     * How many lower directories fit in the options when named by descriptor, with room for the
     * upper and work directories and the feature options.
     */
    static int maxLowersByDescriptor(String features) {
        int perDirectory = "/proc/self/fd/99999:".length();
        int fixed = ("lowerdir=,upperdir=,workdir=," + features).length() + 2 * perDirectory;
        return Math.max(1, (MAX_OPTIONS - fixed) / perDirectory);
    }

    /**
     * Mounts {@code lowersTopFirst} (at least one) with the given upper and work directories, or
     * read-only when {@code upper} is null.
     *
     * @param features extra options such as {@code index=off,redirect_dir=off}, possibly empty
     */
    static void mount(List<Path> lowersTopFirst, Path upper, Path work, Path target, String features)
            throws IOException {
        List<Path> all = new ArrayList<>(lowersTopFirst);
        if (upper != null) {
            all.add(upper);
            all.add(work);
        }
        String plain = options(names(all, null), lowersTopFirst.size(), upper != null, features);
        if (plain.getBytes(StandardCharsets.UTF_8).length <= MAX_OPTIONS
                && all.stream().allMatch(OverlayMount::isPlainOptionValue)) {
            Mounts.mount("overlay", target, "overlay", 0L, plain);
            return;
        }
        List<Integer> descriptors = new ArrayList<>();
        try {
            for (Path dir : all) {
                int fd = Native.libc().open(dir.toString(), O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    throw Native.failure("open", dir, Native.errno());
                }
                descriptors.add(fd);
            }
            String byDescriptor = options(names(all, descriptors), lowersTopFirst.size(), upper != null, features);
            if (byDescriptor.length() > MAX_OPTIONS) {
                throw new StorageException(lowersTopFirst.size()
                        + " lower directories do not fit in the overlay mount options");
            }
            Mounts.mount("overlay", target, "overlay", 0L, byDescriptor);
        } finally {
            for (int fd : descriptors) {
                Native.libc().close(fd);
            }
        }
    }

    private static List<String> names(List<Path> dirs, List<Integer> descriptors) {
        List<String> names = new ArrayList<>(dirs.size());
        for (int i = 0; i < dirs.size(); i++) {
            names.add(descriptors == null ? dirs.get(i).toString() : "/proc/self/fd/" + descriptors.get(i));
        }
        return names;
    }

    /** {@code names}: the lowers (top first), then upper and work when {@code writable}. */
    private static String options(List<String> names, int lowers, boolean writable, String features) {
        StringBuilder options = new StringBuilder("lowerdir=").append(String.join(":", names.subList(0, lowers)));
        if (writable) {
            options.append(",upperdir=").append(names.get(lowers)).append(",workdir=").append(names.get(lowers + 1));
        }
        if (!features.isEmpty()) {
            options.append(',').append(features);
        }
        return options.toString();
    }

    /** Option values cannot carry ',' and lowerdir splits at ':' ('\' escapes, which we avoid needing). */
    static boolean isPlainOptionValue(Path path) {
        String text = path.toString();
        return text.indexOf(',') < 0 && text.indexOf(':') < 0 && text.indexOf('\\') < 0;
    }

    /** Which of the overlay options we rely on this kernel knows (listed as module parameters). */
    static String supportedFeatureOptions() {
        List<String> options = new ArrayList<>();
        Path parameters = Path.of("/sys/module/overlay/parameters");
        // index=on would tie the upper directory to these exact lowers; redirect_dir=on would
        // record renamed directories as xattrs no layer tar can carry; metacopy=on would leave
        // file data in the lowers. Off, each makes the upper directory a complete, portable diff.
        for (String feature : List.of("index", "redirect_dir", "metacopy")) {
            if (Files.exists(parameters.resolve(feature))) {
                options.add(feature + "=off");
            }
        }
        return String.join(",", options);
    }
}
