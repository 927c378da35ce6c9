package dev.jbuild.platform;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Function;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.nio.charset.StandardCharsets;

/**
 * The libc calls that neither the JDK nor jnr-posix ({@link Posix}) offers: mount, umount2, mknod, the
 * *xattr family, and open/close of a directory for them. Bound once through jffi, the native-call layer
 * jnr-posix itself stands on: a jffi function is one symbol lookup, where a jnr-ffi interface binding
 * generates and loads bytecode (55 ms of a 0.4 s build when these were bound that way). Strings go in as
 * NUL-terminated UTF-8 copies and output buffers are copied back after the call; every call saves errno
 * for {@link #errno}. {@link Native} is how the rest of jbuild reaches it: {@link Xattrs}, device nodes,
 * the executor's mounts and network namespaces (unshare, setns), the holes of sparse files (lseek with
 * SEEK_DATA and SEEK_HOLE) and the terminal's size (ioctl).
 */
public final class LibC {
    private static final int IN_STRING = ArrayFlags.IN | ArrayFlags.NULTERMINATE;

    private static final class Holder {
        static final LibC INSTANCE = new LibC();
    }

    private final Library process = Library.getDefault();
    private final Invoker invoker = Invoker.getInstance();
    private final Function mount = bind("mount", Type.SINT, Type.POINTER, Type.POINTER, Type.POINTER, Type.ULONG,
            Type.POINTER);
    private final Function umount2 = bind("umount2", Type.SINT, Type.POINTER, Type.SINT);
    private final Function open = bind("open", Type.SINT, Type.POINTER, Type.SINT);
    private final Function close = bind("close", Type.SINT, Type.SINT);
    private final Function mknod = bind("mknod", Type.SINT, Type.POINTER, Type.UINT, Type.ULONG);
    private final Function llistxattr = bind("llistxattr", Type.SLONG, Type.POINTER, Type.POINTER, Type.ULONG);
    private final Function lgetxattr = bind("lgetxattr", Type.SLONG, Type.POINTER, Type.POINTER, Type.POINTER,
            Type.ULONG);
    private final Function lsetxattr = bind("lsetxattr", Type.SINT, Type.POINTER, Type.POINTER, Type.POINTER,
            Type.ULONG, Type.SINT);
    private final Function lremovexattr = bind("lremovexattr", Type.SINT, Type.POINTER, Type.POINTER);
    private final Function strerror = bind("strerror", Type.POINTER, Type.SINT);
    private final Function ioctl = bind("ioctl", Type.SINT, Type.SINT, Type.ULONG, Type.POINTER);
    private final Function unshare = bind("unshare", Type.SINT, Type.SINT);
    private final Function setns = bind("setns", Type.SINT, Type.SINT, Type.SINT);
    private final Function lseek = bind("lseek", Type.SLONG, Type.SINT, Type.SLONG, Type.SINT);
    private final Function syncfs = bind("syncfs", Type.SINT, Type.SINT);

    private LibC() {
    }

    /** The process's binding, made on first use. */
    public static LibC get() {
        return Holder.INSTANCE;
    }

    private Function bind(String symbol, Type result, Type... parameters) {
        long address = process.getSymbolAddress(symbol);
        if (address == 0) {
            throw new UnsatisfiedLinkError("libc has no " + symbol + ": " + Library.getLastError());
        }
        return new Function(address, result, parameters, CallingConvention.DEFAULT, true);
    }

    public int mount(String source, String target, String fileSystemType, long flags, String data) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(mount);
        putString(call, source);
        putString(call, target);
        putString(call, fileSystemType);
        call.putLong(flags);
        putString(call, data);
        return invoker.invokeInt(mount, call);
    }

    public int umount2(String target, int flags) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(umount2);
        putString(call, target);
        call.putInt(flags);
        return invoker.invokeInt(umount2, call);
    }

    public int open(String path, int flags) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(open);
        putString(call, path);
        call.putInt(flags);
        return invoker.invokeInt(open, call);
    }

    public int close(int fd) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(close);
        call.putInt(fd);
        return invoker.invokeInt(close, call);
    }

    public int mknod(String path, int mode, long device) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(mknod);
        putString(call, path);
        call.putInt(mode);
        call.putLong(device);
        return invoker.invokeInt(mknod, call);
    }

    /** Fills {@code names} (at most {@code size} bytes); returns the list's length, or -1. */
    public long llistxattr(String path, byte[] names, long size) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(llistxattr);
        putString(call, path);
        call.putArray(names, 0, (int) size, ArrayFlags.OUT);
        call.putLong(size);
        return invoker.invokeLong(llistxattr, call);
    }

    /** Fills {@code value} (at most {@code size} bytes); returns the value's length, or -1. */
    public long lgetxattr(String path, String name, byte[] value, long size) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(lgetxattr);
        putString(call, path);
        putString(call, name);
        call.putArray(value, 0, (int) size, ArrayFlags.OUT);
        call.putLong(size);
        return invoker.invokeLong(lgetxattr, call);
    }

    public int lsetxattr(String path, String name, byte[] value, long size, int flags) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(lsetxattr);
        putString(call, path);
        putString(call, name);
        call.putArray(value, 0, (int) size, ArrayFlags.IN);
        call.putLong(size);
        call.putInt(flags);
        return invoker.invokeInt(lsetxattr, call);
    }

    public int lremovexattr(String path, String name) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(lremovexattr);
        putString(call, path);
        putString(call, name);
        return invoker.invokeInt(lremovexattr, call);
    }

    public String strerror(int errno) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(strerror);
        call.putInt(errno);
        long text = invoker.invokeAddress(strerror, call);
        return text == 0 ? "errno " + errno
                : new String(MemoryIO.getInstance().getZeroTerminatedByteArray(text), StandardCharsets.UTF_8);
    }

    /**
     * An ioctl whose argument is a buffer the kernel fills ({@code TIOCGWINSZ}: a terminal's size); the
     * buffer is copied back after the call.
     */
    public int ioctl(int fd, long request, byte[] out) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(ioctl);
        call.putInt(fd);
        call.putLong(request);
        call.putArray(out, 0, out.length, ArrayFlags.OUT);
        return invoker.invokeInt(ioctl, call);
    }

    /** Writes every dirty page and inode of the file system {@code fd} is on to its disk (syncfs(2)). */
    public int syncfs(int fd) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(syncfs);
        call.putInt(fd);
        return invoker.invokeInt(syncfs, call);
    }

    /** Moves the calling thread into new namespaces of the kinds in {@code flags} (CLONE_NEW*). */
    public int unshare(int flags) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(unshare);
        call.putInt(flags);
        return invoker.invokeInt(unshare, call);
    }

    /** Moves the calling thread into the namespace {@code fd} refers to. */
    public int setns(int fd, int namespaceType) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(setns);
        call.putInt(fd);
        call.putInt(namespaceType);
        return invoker.invokeInt(setns, call);
    }

    /** The new offset, or -1; with SEEK_DATA (3) and SEEK_HOLE (4) it finds where a sparse file's data and holes are. */
    public long lseek(int fd, long offset, int whence) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(lseek);
        call.putInt(fd);
        call.putLong(offset);
        call.putInt(whence);
        return invoker.invokeLong(lseek, call);
    }

    /** errno as the last call on this thread left it. */
    public int errno() {
        return LastError.getInstance().get();
    }

    /** A C string argument; null becomes the null pointer (mount's source and data may be absent). */
    private static void putString(HeapInvocationBuffer call, String text) {
        if (text == null) {
            call.putAddress(0L);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        call.putArray(bytes, 0, bytes.length, IN_STRING);
    }
}
