package dev.jbuild.store;

import dev.jbuild.imagespec.Platform;

/**
 * Whether an image of one platform serves a request for another, as containerd's platform matcher
 * decides for {@code --platform}: same OS and architecture; a variant only when one is asked for, and
 * {@code arm64/v8} is what an {@code arm64} without a variant is.
 */
public final class PlatformMatch {
    private PlatformMatch() {
    }

    public static boolean matches(Platform candidate, Platform wanted) {
        if (!candidate.os().equals(wanted.os()) || !candidate.architecture().equals(wanted.architecture())) {
            return false;
        }
        return wanted.variant().isEmpty() || wanted.variant().equals(candidate.variant())
                || (candidate.variant().isEmpty() && wanted.architecture().equals("arm64") && wanted.variant().equals("v8"));
    }
}
