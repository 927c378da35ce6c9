package dev.jbuild.executor;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The libc calls the JDK has no API for, bound through jnr-ffi. Only {@link Native} uses it. */
public interface LibC {

    @SaveError
    int mount(String source, String target, String fileSystemType, long flags, String data);

    @SaveError
    int umount2(String target, int flags);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int mknod(String path, int mode, long device);

    @SaveError
    @ssize_t long llistxattr(String path, @Out byte[] names, @size_t long size);

    @SaveError
    @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

    @SaveError
    int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

    @SaveError
    int lremovexattr(String path, String name);

    String strerror(int errno);
}
