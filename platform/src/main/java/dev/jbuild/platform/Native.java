package dev.jbuild.platform;

import java.io.IOException;
import java.nio.file.Path;

/** {@link LibC} for callers: the errno numbers they act on, and failed calls as {@link IOException}s with errno's text. */
public final class Native {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;

    private Native() {
    }

    public static LibC libc() {
        return LibC.get();
    }

    /** errno of the last call on this thread that saved it. */
    public static int errno() {
        return LibC.get().errno();
    }

    public static IOException failure(String call, Path path, int errno) {
        String text = LibC.get().strerror(errno);
        return new NativeCallException(call + " " + path + ": " + text + " (errno " + errno + ")", errno);
    }

    /** An {@link IOException} from a failed system call, with its errno. */
    public static final class NativeCallException extends IOException {
        private final int errno;

        NativeCallException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }
}
