package dev.jbuild.layertar;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link PosixOps} with JDK calls on the common paths and a child process only where the JDK has
 * nothing: one {@code getfattr} per tree (or per batch of paths) to read every xattr namespace, and
 * {@code setfattr}/{@code mknod}/{@code mkfifo}/{@code ln} per rare entry.
 */
final class SystemPosixOps implements PosixOps {
    private static final String USER_PREFIX = "user.";
    /** Keeps each getfattr command line far below ARG_MAX. */
    private static final int MAX_ARGUMENT_BYTES = 64 * 1024;

    @Override
    public Map<String, Map<String, byte[]>> readXattrsRecursively(Path root) throws IOException {
        String base = absolute(root);
        return dumpXattrs(base, true, List.of(base));
    }

    @Override
    public Map<String, Map<String, byte[]>> readXattrs(Path root, Collection<String> relativePaths) throws IOException {
        String base = absolute(root);
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        List<String> batch = new ArrayList<>();
        int batchBytes = 0;
        for (String relative : relativePaths) {
            String path = relative.isEmpty() ? base : join(base, relative);
            batch.add(path);
            batchBytes += path.length() + 1;
            if (batchBytes > MAX_ARGUMENT_BYTES) {
                result.putAll(dumpXattrs(base, false, batch));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            result.putAll(dumpXattrs(base, false, batch));
        }
        return result;
    }

    @Override
    public boolean setXattr(Path file, String name, byte[] value) throws IOException {
        if (name.startsWith(USER_PREFIX) && isRegularFileOrDirectory(file)) {
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            try {
                view.write(name.substring(USER_PREFIX.length()), ByteBuffer.wrap(value));
                return true;
            } catch (FileSystemException e) {
                if (isRefusal(e.getReason())) {
                    return false;
                }
                throw e;
            }
        }
        // The JDK opens the file to write an xattr, which would block on a FIFO; setfattr works on
        // the path. Linux refuses user.* on symlinks and special files (EPERM), reported as a refusal.
        ToolResult result = ToolResult.run(List.of("setfattr", "-h", "-n", name,
                "-v", "0x" + HexFormat.of().formatHex(value), "--", absolute(file)));
        if (result.exitCode() == 0) {
            return true;
        }
        if (isRefusal(result.stderr())) {
            return false;
        }
        throw result.failure("setfattr " + name + " on " + file);
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

    private static boolean isRegularFileOrDirectory(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile() || attributes.isDirectory();
    }

    private static boolean isRefusal(String message) {
        return message != null
                && (message.contains("Operation not supported") || message.contains("Operation not permitted"));
    }

    private static Map<String, Map<String, byte[]>> dumpXattrs(String base, boolean recursive, List<String> paths)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "getfattr", "--absolute-names", "-P", "-h", "-d", "-m", "-", "-e", "hex"));
        if (recursive) {
            command.add("-R");
        }
        command.add("--");
        command.addAll(paths);
        Path stderr = Files.createTempFile("getfattr", ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
            } catch (IOException e) {
                throw new IOException("cannot run getfattr (install the 'attr' package): " + e.getMessage(), e);
            }
            process.getOutputStream().close();
            Map<String, Map<String, byte[]>> result;
            try (InputStream out = new BufferedInputStream(process.getInputStream())) {
                result = GetfattrDump.parse(out, base);
            }
            int exit = waitFor(process);
            if (exit != 0) {
                throw new IOException("getfattr failed (exit " + exit + "): "
                        + Files.readString(stderr, StandardCharsets.UTF_8).strip());
            }
            return result;
        } finally {
            Files.deleteIfExists(stderr);
        }
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

    private static String join(String base, String relative) {
        return base.endsWith("/") ? base + relative : base + "/" + relative;
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

    /** Parser of {@code getfattr -d -e hex} output. */
    static final class GetfattrDump {
        private GetfattrDump() {
        }

        static Map<String, Map<String, byte[]>> parse(InputStream in, String base) throws IOException {
            Map<String, Map<String, byte[]>> result = new HashMap<>();
            Map<String, byte[]> current = null;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while (true) {
                b = in.read();
                if (b != '\n' && b != -1) {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                if (text.startsWith("# file: ")) {
                    String path = unescape(text.substring("# file: ".length()));
                    current = new TreeMap<>(CodePointOrder.COMPARATOR);
                    result.put(relativize(path, base), current);
                } else if (!text.isEmpty() && current != null) {
                    int eq = text.indexOf('=');
                    if (eq < 0) {
                        throw new IOException("unexpected getfattr output: " + text);
                    }
                    current.put(unescape(text.substring(0, eq)), decodeValue(text.substring(eq + 1)));
                }
                if (b == -1) {
                    break;
                }
            }
            result.values().removeIf(Map::isEmpty);
            return result;
        }

        private static byte[] decodeValue(String value) throws IOException {
            if (value.startsWith("0x")) {
                return HexFormat.of().parseHex(value.substring(2));
            }
            if (value.equals("\"\"")) {
                return new byte[0];
            }
            throw new IOException("unexpected getfattr value encoding: " + value);
        }

        /** getfattr writes bytes raw except '\', '=', newlines and control characters, which become \ooo. */
        private static String unescape(String latin1) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(latin1.length());
            for (int i = 0; i < latin1.length(); i++) {
                char c = latin1.charAt(i);
                if (c == '\\' && isOctal(latin1, i + 1)) {
                    bytes.write(Integer.parseInt(latin1.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    bytes.write(c);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private static boolean isOctal(String s, int from) {
            if (from + 3 > s.length()) {
                return false;
            }
            for (int i = from; i < from + 3; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '7') {
                    return false;
                }
            }
            return true;
        }

        private static String relativize(String path, String base) throws IOException {
            if (path.equals(base)) {
                return "";
            }
            String prefix = base.endsWith("/") ? base : base + "/";
            if (!path.startsWith(prefix)) {
                throw new IOException("getfattr reported a path outside " + base + ": " + path);
            }
            return path.substring(prefix.length());
        }
    }
}
