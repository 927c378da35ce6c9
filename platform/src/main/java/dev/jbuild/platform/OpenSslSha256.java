package dev.jbuild.platform;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Function;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;

/**
 * SHA-256 through libcrypto's EVP interface, called with jffi. Small updates (tar headers, single bytes)
 * are gathered in a buffer first, since each native call costs about as much as hashing a few hundred
 * bytes. The native context is freed by a {@link Cleaner} once the digest is unreachable, so a stream
 * that is abandoned half-way leaks nothing.
 */
final class OpenSslSha256 extends MessageDigest {
    private static final int DIGEST_LENGTH = 32;
    private static final int GATHER_BYTES = 8192;
    private static final Cleaner CLEANER = Cleaner.create();

    /** The bound libcrypto functions, or null when there is no usable libcrypto. */
    private static final class Binding {
        static final Binding INSTANCE = load();

        final Invoker invoker = Invoker.getInstance();
        final Function newContext;
        final Function freeContext;
        final Function sha256;
        final Function init;
        final Function update;
        final Function finish;

        private Binding(Library crypto) {
            newContext = bind(crypto, "EVP_MD_CTX_new", Type.POINTER);
            freeContext = bind(crypto, "EVP_MD_CTX_free", Type.VOID, Type.POINTER);
            sha256 = bind(crypto, "EVP_sha256", Type.POINTER);
            init = bind(crypto, "EVP_DigestInit_ex", Type.SINT, Type.POINTER, Type.POINTER, Type.POINTER);
            update = bind(crypto, "EVP_DigestUpdate", Type.SINT, Type.POINTER, Type.POINTER, Type.ULONG);
            finish = bind(crypto, "EVP_DigestFinal_ex", Type.SINT, Type.POINTER, Type.POINTER, Type.POINTER);
        }

        private static Binding load() {
            try {
                Library crypto = Library.getCachedInstance("libcrypto.so.3", Library.LAZY | Library.LOCAL);
                return crypto == null ? null : new Binding(crypto);
            } catch (LinkageError | IllegalStateException e) {
                return null; // no jffi stub for this platform, or a libcrypto without EVP: the JDK's digest serves
            }
        }

        private static Function bind(Library library, String symbol, Type result, Type... parameters) {
            long address = library.getSymbolAddress(symbol);
            if (address == 0) {
                throw new IllegalStateException("libcrypto has no " + symbol);
            }
            return new Function(address, result, parameters, CallingConvention.DEFAULT, false);
        }

        long call(Function function, long... arguments) {
            HeapInvocationBuffer call = new HeapInvocationBuffer(function);
            for (long argument : arguments) {
                call.putAddress(argument);
            }
            return invoker.invokeAddress(function, call);
        }
    }

    /** Frees the native context; shared by the cleaner and nobody else, so it runs once. */
    private record Release(long context) implements Runnable {
        @Override
        public void run() {
            Binding binding = Binding.INSTANCE;
            binding.call(binding.freeContext, context);
        }
    }

    private final Binding binding;
    private final long context;
    private final byte[] gathered = new byte[GATHER_BYTES];
    private int gatheredLength;

    private OpenSslSha256(Binding binding, long context) {
        super("SHA-256");
        this.binding = binding;
        this.context = context;
        CLEANER.register(this, new Release(context));
        engineReset();
    }

    static boolean available() {
        return Binding.INSTANCE != null;
    }

    /** A new digest, or null when libcrypto is not there. */
    static OpenSslSha256 create() {
        Binding binding = Binding.INSTANCE;
        if (binding == null) {
            return null;
        }
        long context = binding.call(binding.newContext);
        return context == 0 ? null : new OpenSslSha256(binding, context);
    }

    /** A copy would share the native context: two digests corrupting one state. */
    @Override
    public Object clone() throws CloneNotSupportedException {
        throw new CloneNotSupportedException("an OpenSSL SHA-256 digest cannot be cloned");
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_LENGTH;
    }

    @Override
    protected void engineUpdate(byte input) {
        if (gatheredLength == GATHER_BYTES) {
            flushGathered();
        }
        gathered[gatheredLength++] = input;
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        if (length < GATHER_BYTES - gatheredLength) {
            System.arraycopy(input, offset, gathered, gatheredLength, length);
            gatheredLength += length;
            return;
        }
        flushGathered();
        if (length < GATHER_BYTES) {
            System.arraycopy(input, offset, gathered, 0, length);
            gatheredLength = length;
        } else {
            hashNative(input, offset, length);
        }
    }

    @Override
    protected byte[] engineDigest() {
        flushGathered();
        byte[] digest = new byte[DIGEST_LENGTH];
        HeapInvocationBuffer call = new HeapInvocationBuffer(binding.finish);
        call.putAddress(context);
        call.putArray(digest, 0, DIGEST_LENGTH, ArrayFlags.OUT);
        call.putAddress(0L);
        check(binding.invoker.invokeInt(binding.finish, call), "EVP_DigestFinal_ex");
        engineReset();
        return digest;
    }

    @Override
    protected void engineReset() {
        gatheredLength = 0;
        long sha256 = binding.call(binding.sha256);
        check((int) binding.call(binding.init, context, sha256, 0L), "EVP_DigestInit_ex");
    }

    private void flushGathered() {
        if (gatheredLength > 0) {
            hashNative(gathered, 0, gatheredLength);
            gatheredLength = 0;
        }
    }

    private void hashNative(byte[] input, int offset, int length) {
        HeapInvocationBuffer call = new HeapInvocationBuffer(binding.update);
        call.putAddress(context);
        // Pinned: libcrypto reads the Java array in place instead of a copy.
        call.putArray(input, offset, length, ArrayFlags.IN | ArrayFlags.PINNED);
        call.putLong(length);
        check(binding.invoker.invokeInt(binding.update, call), "EVP_DigestUpdate");
    }

    private static void check(int result, String call) {
        if (result != 1) {
            throw new IllegalStateException("libcrypto " + call + " failed");
        }
    }
}
