package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** --ulimit and --add-host as docker build reads them (go-units ParseUlimit, opts.ValidateExtraHost). */
class SandboxFlagsParsingTest {

    @Test
    void ulimitTakesSoftAndHardOrOneValueForBoth() {
        assertEquals(new Ulimit("nofile", 1024, 2048), Ulimit.parse("nofile=1024:2048"));
        assertEquals(new Ulimit("nproc", 512, 512), Ulimit.parse("nproc=512"));
        assertEquals(new Ulimit("core", Ulimit.UNLIMITED, Ulimit.UNLIMITED), Ulimit.parse("core=-1"));
        assertEquals("RLIMIT_NOFILE", Ulimit.parse("NOFILE=1").rlimitType());
        assertEquals("nofile=1024:2048", Ulimit.parse("nofile=1024:2048").toString());
    }

    @Test
    void aBadUlimitIsOneLineSayingWhy() {
        assertEquals("invalid ulimit type: files", assertThrows(IllegalArgumentException.class,
                () -> Ulimit.parse("files=1")).getMessage());
        assertEquals("ulimit soft limit must be less than or equal to hard limit: 2048 > 1024",
                assertThrows(IllegalArgumentException.class, () -> Ulimit.parse("nofile=2048:1024")).getMessage());
        assertEquals("invalid ulimit argument: nofile (expected NAME=SOFT[:HARD])",
                assertThrows(IllegalArgumentException.class, () -> Ulimit.parse("nofile")).getMessage());
        assertEquals("invalid ulimit argument: nofile=lots (a limit is a number, or -1)",
                assertThrows(IllegalArgumentException.class, () -> Ulimit.parse("nofile=lots")).getMessage());
    }

    @Test
    void addHostIsHostColonIpOrHostEqualsIpWithIpv6KeepingItsColons() {
        assertEquals("10.1.2.3\tdb.internal", HostEntry.parse("db.internal:10.1.2.3").hostsLine());
        assertEquals("2001:db8::1\tv6", HostEntry.parse("v6:2001:db8::1").hostsLine());
        assertEquals("2001:db8::1\tv6", HostEntry.parse("v6=[2001:db8::1]").hostsLine());
        assertEquals("192.0.2.7\tmirror", HostEntry.parse("mirror=192.0.2.7").hostsLine());
    }

    @Test
    void addHostWantsAnAddressNotANameToResolve() {
        assertEquals("invalid IP address in --add-host: \"example.org\"", assertThrows(IllegalArgumentException.class,
                () -> HostEntry.parse("db:example.org")).getMessage());
        assertEquals("invalid IP address in --add-host: \"300.1.1.1\"", assertThrows(IllegalArgumentException.class,
                () -> HostEntry.parse("db:300.1.1.1")).getMessage());
        assertEquals("bad format for add-host: \"db\" (expected HOST:IP)", assertThrows(IllegalArgumentException.class,
                () -> HostEntry.parse("db")).getMessage());
    }
}
