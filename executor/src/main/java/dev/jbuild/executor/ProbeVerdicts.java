package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The successful verdicts of the runtime and overlay probes, kept across processes until the machine
 * reboots. A probe runs a container or mounts an overlay, about 50 ms each, which every build that runs
 * a step would otherwise pay again; the answer only changes with the boot, the kernel or the subject
 * probed (the runtime binary, the file system), and all of these are in the fingerprint a verdict is
 * stored under. Failures are never kept: a fixed problem is seen on the next run.
 */
final class ProbeVerdicts {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Path KERNEL_RELEASE = Path.of("/proc/sys/kernel/osrelease");

    private final Path dir;

    ProbeVerdicts(Path dir) {
        this.dir = dir;
    }

    /** The lines remembered for {@code probe} when they were stored under this {@code subject}. */
    Optional<List<String>> recall(String probe, String subject) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(probe), StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(fingerprint(subject))) {
                return Optional.empty();
            }
            return Optional.of(List.copyOf(lines.subList(1, lines.size())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: probe again
        }
    }

    /** Remembers a success; failing to write only means probing again next time. */
    void remember(String probe, String subject, List<String> lines) {
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve("." + probe + "." + ProcessHandle.current().pid());
            StringBuilder text = new StringBuilder(fingerprint(subject)).append('\n');
            lines.forEach(line -> text.append(line.replace('\n', ' ')).append('\n'));
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, dir.resolve(probe), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // the verdict stays this process's own
        }
    }

    /**
     * A subject naming files by path, size and time, each on a line after {@code label}: another binary at the
     * same path (an upgrade) makes another subject, so it is probed again.
     */
    static String filesSubject(String label, List<Path> files) {
        StringBuilder subject = new StringBuilder(label);
        for (Path file : files) {
            subject.append('\n').append(file);
            try {
                subject.append(' ').append(Files.size(file)).append(' ')
                        .append(Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                subject.append(" unreadable");
            }
        }
        return subject.toString();
    }

    /** The boot, the kernel and the subject, hashed: a verdict made under another of any is not used. */
    static String fingerprint(String subject) throws IOException {
        String text = Files.readString(BOOT_ID).strip() + "\n" + Files.readString(KERNEL_RELEASE).strip() + "\n"
                + subject;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
