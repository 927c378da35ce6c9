package dev.jbuild.layertar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PosixOps} with JDK calls on the common paths, {@link Xattrs} (system calls through jffi) for
 * every xattr namespace, and a child process ({@code mknod}, {@code mkfifo}, {@code touch}, {@code ln})
 * only for rare entries.
 */
final class SystemPosixOps implements PosixOps {
    @Override
    public Map<String, Map<String, byte[]>> readXattrsRecursively(Path root) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        Path base = root.toAbsolutePath().normalize();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                record(base, dir, result);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                record(base, file, result);
                return FileVisitResult.CONTINUE;
            }
        });
        return result;
    }

    @Override
    public Map<String, Map<String, byte[]>> readXattrs(Path root, Collection<String> relativePaths) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        Path base = root.toAbsolutePath().normalize();
        for (String relative : relativePaths) {
            record(base, relative.isEmpty() ? base : base.resolve(relative), result);
        }
        return result;
    }

    /** Adds {@code path}'s attributes under its name relative to {@code base}, when it has any. */
    private static void record(Path base, Path path, Map<String, Map<String, byte[]>> result) throws IOException {
        Map<String, byte[]> attributes = Xattrs.readAll(path);
        if (!attributes.isEmpty()) {
            result.put(base.relativize(path).toString(), attributes);
        }
    }

    @Override
    public boolean setXattr(Path file, String name, byte[] value) throws IOException {
        try {
            Xattrs.set(file, name, value);
            return true;
        } catch (Native.NativeCallException e) {
            // Linux refuses user.* on symlinks and special files, and some file systems refuse namespaces.
            if (e.errno() == Native.EPERM || e.errno() == Native.EOPNOTSUPP) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void makeFifo(Path path) throws IOException {
        ToolResult.run(List.of("mkfifo", "--", absolute(path))).requireSuccess("mkfifo " + path);
    }

    @Override
    public void makeDevice(Path path, boolean block, int major, int minor) throws IOException {
        ToolResult.run(List.of("mknod", "--", absolute(path), block ? "b" : "c",
                Integer.toString(major), Integer.toString(minor))).requireSuccess("mknod " + path);
    }

    @Override
    public void setSpecialFileTimes(Path path, long epochSeconds) throws IOException {
        // With -h, GNU touch calls utimensat on the path and never opens the file.
        ToolResult.run(List.of("touch", "-h", "-d", "@" + epochSeconds, "--", absolute(path)))
                .requireSuccess("touch " + path);
    }

    @Override
    public void makeSymlink(Path link, String target) throws IOException {
        if (!target.isEmpty() && Path.of(target).toString().equals(target)) {
            Files.createSymbolicLink(link, Path.of(target));
            return;
        }
        ToolResult.run(List.of("ln", "-s", "--", target, absolute(link))).requireSuccess("ln -s " + link);
    }

    private static int waitFor(Process process) throws IOException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + process.info().command().orElse("a tool"), e);
        }
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /** Output and exit status of a short-lived tool. */
    private record ToolResult(int exitCode, String stderr) {
        static ToolResult run(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            }
            return new ToolResult(waitFor(process), output.toString(StandardCharsets.UTF_8).strip());
        }

        void requireSuccess(String what) throws IOException {
            if (exitCode != 0) {
                throw failure(what);
            }
        }

        IOException failure(String what) {
            return new IOException(what + " failed (exit " + exitCode + "): " + stderr);
        }
    }
}
