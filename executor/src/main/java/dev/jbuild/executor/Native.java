package dev.jbuild.executor;

import dev.jbuild.layertar.LibC;
import java.io.IOException;
import java.nio.file.Path;

/** The executor's view of {@link LibC}: errno numbers it acts on, and failed calls as {@link IOException}s with errno's text. */
final class Native {
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ERANGE = 34;
    static final int ENODATA = 61;
    static final int EOPNOTSUPP = 95;

    private Native() {
    }

    static LibC libc() {
        return LibC.get();
    }

    /** errno of the last call on this thread that saved it. */
    static int errno() {
        return LibC.get().errno();
    }

    static IOException failure(String call, Path path, int errno) {
        String text = LibC.get().strerror(errno);
        return new NativeCallException(call + " " + path + ": " + text + " (errno " + errno + ")", errno);
    }

    /** An {@link IOException} from a failed system call, with its errno. */
    static final class NativeCallException extends IOException {
        private final int errno;

        NativeCallException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }
}
