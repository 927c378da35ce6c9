package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    @TempDir
    Path rootfs;
    private UserResolver resolver;

    @BeforeEach
    void writeAccounts() throws IOException {
        TestTrees.write(rootfs.resolve("etc/passwd"), TestTrees.PASSWD);
        TestTrees.write(rootfs.resolve("etc/group"), TestTrees.GROUP);
        resolver = new UserResolver(rootfs);
    }

    @Test
    void emptyUserIsRootWithTheGroupsListingRoot() throws IOException {
        assertEquals(new ProcessUser(0, 0, List.of(10), "/root"), resolver.resolve(""));
    }

    @Test
    void nameGivesPasswdIdsHomeAndMemberships() throws IOException {
        assertEquals(new ProcessUser(1001, 1001, List.of(10, 50), "/home/app"), resolver.resolve("app"));
    }

    @Test
    void numericUserInPasswdIsLookedUpLikeItsName() throws IOException {
        assertEquals(new ProcessUser(1001, 1001, List.of(10, 50), "/home/app"), resolver.resolve("1001"));
    }

    @Test
    void numericUserNotInPasswdGetsGroupZeroAndRootHome() throws IOException {
        assertEquals(new ProcessUser(4242, 0, List.of(), "/"), resolver.resolve("4242"));
    }

    @Test
    void explicitGroupByNameOrNumberReplacesTheSupplementaryGroups() throws IOException {
        assertEquals(new ProcessUser(1001, 50, List.of(), "/home/app"), resolver.resolve("app:staff"));
        assertEquals(new ProcessUser(1001, 777, List.of(), "/home/app"), resolver.resolve("app:777"));
        assertEquals(new ProcessUser(5000, 6000, List.of(), "/"), resolver.resolve("5000:6000"));
    }

    @Test
    void unknownNamesAreErrorsInDockersWords() {
        UnknownUserException user = assertThrows(UnknownUserException.class, () -> resolver.resolve("ghost"));
        assertEquals("unable to find user ghost: no matching entries in passwd file", user.getMessage());
        UnknownUserException group = assertThrows(UnknownUserException.class, () -> resolver.resolve("app:ghosts"));
        assertEquals("unable to find group ghosts: no matching entries in group file", group.getMessage());
    }

    @Test
    void symlinkedPasswdIsResolvedInsideTheRootNotOnTheHost() throws IOException {
        Files.delete(rootfs.resolve("etc/passwd"));
        // An absolute link means the image's /srv/passwd, never the host's.
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/srv/passwd"));
        TestTrees.write(rootfs.resolve("srv/passwd"), "builder:x:2000:2000::/home/builder:/bin/sh\n");

        assertEquals(new ProcessUser(2000, 2000, List.of(), "/home/builder"), resolver.resolve("builder"));
        assertThrows(UnknownUserException.class, () -> resolver.resolve("daemon"));
    }

    @Test
    void linkClimbingAboveTheRootStaysInside() throws IOException {
        Path link = rootfs.resolve("etc/up");
        Files.createSymbolicLink(link, Path.of("../../../../etc"));

        assertEquals(rootfs.resolve("etc/passwd"), ScopedPath.resolve(rootfs, "/etc/up/passwd"));
    }
}
