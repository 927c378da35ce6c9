package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.layertar.Change;
import dev.jbuild.platform.CacheSharing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Running steps: output, exit codes, users, environment, mounts, and diffs free of runtime leftovers. */
class SandboxRunTest {
    @TempDir
    static Path shared;
    private static SandboxTestSupport support;
    private final List<Workspace> workspaces = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        support = new SandboxTestSupport(shared);
    }

    @AfterEach
    void closeAndCheckNoMountsRemain() throws IOException {
        for (Workspace workspace : workspaces) {
            workspace.close();
        }
        assertEquals(List.of(), MountTable.under(shared));
        assertEquals(List.of(), DriverDiffTest.listNames(support.layout.runs()));
    }

    private Workspace workspace(String driver) throws IOException {
        StorageDriver storage = driver.equals(VfsDriver.NAME)
                ? new VfsDriver(support.layout.vfs()) : new OverlayDriver(support.layout.overlay());
        Workspace workspace = storage.prepare(List.of(support.busybox));
        workspaces.add(workspace);
        return workspace;
    }

    private Path rootfs() throws IOException {
        return workspace(OverlayDriver.NAME).rootfs();
    }

    @Test
    void exitCodeAndBothStreamsComeBack() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(),
                SandboxTestSupport.shell("echo one; echo two >&2; printf 'no newline'; exit 7"));

        assertEquals(7, output.exitCode());
        assertEquals(List.of("one", "no newline"), output.stdout());
        assertEquals(List.of("two"), output.stderr());
    }

    @Test
    void outputIsStreamedWhileTheStepRuns() throws Exception {
        AtomicLong firstLineAt = new AtomicLong();
        long started = System.nanoTime();
        RunResult result = support.sandbox.run(rootfs(), SandboxTestSupport.shell("echo first; sleep 1; echo second"),
                (stream, line) -> {
                    if (line.equals("first")) {
                        firstLineAt.set(System.nanoTime());
                    }
                });
        long ended = System.nanoTime();

        assertEquals(0, result.exitCode());
        assertTrue(firstLineAt.get() > started, "first line never arrived");
        assertTrue(ended - firstLineAt.get() > 800_000_000L, "first line arrived only at the end");
    }

    @Test
    void execFormRunsArgvWithoutAShell() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(), RunSpec.of(List.of("/bin/echo", "$HOME", "a  b")));

        assertEquals(List.of("$HOME a  b"), output.stdout());
    }

    @Test
    void missingExecutableIsAStartFailureNamingIt() throws Exception {
        ContainerStartException failure = assertThrows(ContainerStartException.class,
                () -> support.run(rootfs(), RunSpec.of(List.of("/no/such/program"))));

        assertTrue(failure.getMessage().contains("/no/such/program"), failure.getMessage());
    }

    @Test
    void numericUserAndGroupRunAsThoseIds() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(), RunSpec.of(List.of("id")).withUser("1000:1000"));

        // As in BuildKit, an explicit uid:gid brings no supplementary groups (busybox id then prints none).
        assertEquals(List.of("uid=1000(user) gid=1000(user)"), output.stdout());
    }

    @Test
    void namedUserGetsItsPrimaryAndSupplementaryGroups() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(), RunSpec.of(List.of("id")).withUser("app"));

        // The groups listing "app" in /etc/group, as runc's GetExecUser computes them for BuildKit.
        assertEquals(List.of("uid=1001(app) gid=1001(app) groups=10(wheel),50(staff)"), output.stdout());
    }

    @Test
    void userWithExplicitGroupGetsNoSupplementaryGroups() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(), RunSpec.of(List.of("id")).withUser("app:staff"));

        assertEquals(List.of("uid=1001(app) gid=50(staff)"), output.stdout());
    }

    @Test
    void unknownUserIsRefusedBeforeRunning() throws Exception {
        UnknownUserException failure = assertThrows(UnknownUserException.class,
                () -> support.run(rootfs(), RunSpec.of(List.of("id")).withUser("nobody-here")));

        assertEquals("unable to find user nobody-here: no matching entries in passwd file", failure.getMessage());
    }

    @Test
    void environmentGetsDefaultPathAndTheUsersHome() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(),
                SandboxTestSupport.shell("echo $PATH; echo $HOME; echo $GREETING").withUser("user")
                        .withEnv(List.of("GREETING=hello world")));

        assertEquals(List.of(DockerDefaults.PATH, "/home/user", "hello world"), output.stdout());
    }

    @Test
    void missingWorkingDirectoryIsCreatedAndStaysInTheDiff() throws Exception {
        Workspace workspace = workspace(OverlayDriver.NAME);
        SandboxTestSupport.Output output = support.run(workspace.rootfs(),
                SandboxTestSupport.shell("pwd").withCwd("/srv/app"));

        assertEquals(List.of("/srv/app"), output.stdout());
        assertEquals(List.of(Change.added("srv"), Change.added("srv/app")), workspace.changes());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OverlayDriver.NAME, VfsDriver.NAME})
    void mountPointsTheRuntimeCreatedAreNotInTheDiff(String driver) throws Exception {
        Workspace workspace = workspace(driver);
        assertFalse(Files.exists(workspace.rootfs().resolve("etc/hosts")));
        assertFalse(Files.exists(workspace.rootfs().resolve("proc")));

        SandboxTestSupport.Output output = support.run(workspace.rootfs(),
                SandboxTestSupport.shell("cat /etc/hosts; ls -d /proc /sys /dev /run/secrets/token")
                        .withMounts(List.of(secret("token"), new MountSpec.Tmpfs("/scratch/tmp", 0))));

        assertEquals(0, output.exitCode(), output.err());
        assertTrue(output.out().contains("127.0.0.1\tlocalhost buildkitsandbox"), output.out());
        assertEquals(List.of(), workspace.changes());
        assertFalse(Files.exists(workspace.rootfs().resolve("etc/hosts")));
        assertFalse(Files.exists(workspace.rootfs().resolve("run")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OverlayDriver.NAME, VfsDriver.NAME})
    void diffHoldsExactlyWhatTheStepWrote(String driver) throws Exception {
        Workspace workspace = workspace(driver);

        support.run(workspace.rootfs(), SandboxTestSupport.shell("echo x > /etc/motd && rm /bin/vi && mkdir -p /opt/a"));

        assertEquals(List.of(Change.modified("bin"), Change.deleted("bin/vi"), Change.modified("etc"),
                Change.added("etc/motd"), Change.added("opt"), Change.added("opt/a")), workspace.changes());
    }

    @Test
    void secretIsReadableWithItsModeAndOwnerAndNeverInTheDiff() throws Exception {
        Workspace workspace = workspace(OverlayDriver.NAME);
        MountSpec.Secret secret = new MountSpec.Secret("/run/secrets/token", "s3cr3t-value".getBytes(StandardCharsets.UTF_8),
                1000, 1000, 0400);

        SandboxTestSupport.Output output = support.run(workspace.rootfs(), SandboxTestSupport.shell(
                "cat /run/secrets/token; echo; stat -c '%a %u:%g' /run/secrets/token; echo x > /run/secrets/token")
                .withUser("user").withMounts(List.of(secret)));

        assertEquals(List.of("s3cr3t-value", "400 1000:1000"), output.stdout());
        assertTrue(output.err().contains("Read-only file system"), output.err());
        assertEquals(List.of(), workspace.changes());
        assertEquals("", TestTrees.sh(shared, "grep -rl s3cr3t-value " + workspace.diffRoot() + " || true"));
    }

    @Test
    void cacheMountPersistsAcrossStepsAndStaysOutOfTheLayer() throws Exception {
        MountSpec.Cache cache = new MountSpec.Cache("go-build", "/root/.cache", CacheSharing.LOCKED, 0, 0, 0755, false);
        Workspace first = workspace(OverlayDriver.NAME);
        support.run(first.rootfs(), SandboxTestSupport.shell("echo cached > /root/.cache/entry").withMounts(List.of(cache)));
        Workspace second = workspace(OverlayDriver.NAME);

        SandboxTestSupport.Output output = support.run(second.rootfs(),
                SandboxTestSupport.shell("cat /root/.cache/entry").withMounts(List.of(cache)));

        assertEquals(List.of("cached"), output.stdout());
        assertEquals(List.of(), first.changes());
    }

    @Test
    void privateCacheGivesABusyCacheAnotherInstance() throws Exception {
        MountSpec.Cache cache = new MountSpec.Cache("shared-id", "/cache", CacheSharing.PRIVATE, 1000, 1000, 0700, false);
        try (CacheMounts.Lease held = CacheMounts.acquire(support.layout.caches(), cache)) {
            Files.writeString(held.directory().resolve("mine"), "held");
            SandboxTestSupport.Output output = support.run(rootfs(),
                    SandboxTestSupport.shell("ls -A /cache; stat -c '%a %u' /cache").withMounts(List.of(cache)));

            assertEquals(List.of("700 1000"), output.stdout());
        }
    }

    @Test
    void readOnlyBindCannotBeWrittenAndWritableBindWritesAreDiscarded() throws Exception {
        Path context = Files.createDirectories(shared.resolve("context"));
        Files.writeString(context.resolve("source.txt"), "from context");
        List<MountSpec> mounts = List.of(new MountSpec.Bind(context, "/ro", false),
                new MountSpec.Bind(context, "/rw", true));

        SandboxTestSupport.Output output = support.run(rootfs(), SandboxTestSupport.shell(
                "cat /ro/source.txt; echo; touch /ro/new; echo ro=$?; echo changed > /rw/source.txt && cat /rw/source.txt")
                .withMounts(mounts));

        assertEquals(List.of("from context", "ro=1", "changed"), output.stdout());
        assertEquals("from context", Files.readString(context.resolve("source.txt")));
        assertEquals(List.of("source.txt"), DriverDiffTest.listNames(context));
    }

    @Test
    void tmpfsMountHasTheRequestedSize() throws Exception {
        SandboxTestSupport.Output output = support.run(rootfs(), SandboxTestSupport.shell(
                "df -k /scratch | tail -n 1 | awk '{print $2}'")
                .withMounts(List.of(new MountSpec.Tmpfs("/scratch", 8L * 1024 * 1024))));

        assertEquals(List.of("8192"), output.stdout());
    }

    @Test
    void sshMountGivesTheStepItsOwnSocketForwardingToTheAgent() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "needs the host's python3 as a socket client");
        Path agentSocket = shared.resolve("agent.sock");
        String client = "import socket; s = socket.socket(socket.AF_UNIX); s.connect('/run/ssh.sock');"
                + " s.sendall(b'ping\\n'); print(s.recv(100).decode().strip())";
        // busybox has no unix-socket client: borrow the host's python3 through read-only binds.
        List<MountSpec> mounts = List.of(new MountSpec.Bind(Path.of("/usr"), "/usr", false),
                new MountSpec.Bind(Path.of("/usr/lib"), "/lib", false),
                new MountSpec.Bind(Path.of("/usr/lib64"), "/lib64", false),
                new MountSpec.Ssh(agentSocket, "/run/ssh.sock", 1000, 1000, 0600));
        try (FakeAgent agent = FakeAgent.start(agentSocket)) {
            SandboxTestSupport.Output output = support.run(rootfs(), SandboxTestSupport.shell(
                    "stat -c '%F %a %u' /run/ssh.sock; /usr/bin/python3 -c \"" + client + "\"")
                    .withUser("user").withMounts(mounts));

            assertEquals(List.of("socket 600 1000", "agent got: ping"), output.stdout(), output.err());
        }
    }

    private static MountSpec.Secret secret(String id) {
        return new MountSpec.Secret("/run/secrets/" + id, "value".getBytes(StandardCharsets.UTF_8), 0, 0, 0400);
    }

    /** A unix socket server answering each connection's first line with "agent got: <line>". */
    static final class FakeAgent implements AutoCloseable {
        private final java.nio.channels.ServerSocketChannel server;
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        private FakeAgent(java.nio.channels.ServerSocketChannel server) {
            this.server = server;
        }

        static FakeAgent start(Path socket) throws IOException {
            java.nio.channels.ServerSocketChannel server =
                    java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            FakeAgent agent = new FakeAgent(server);
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        try (java.nio.channels.SocketChannel client = server.accept()) {
                            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                                    java.nio.channels.Channels.newInputStream(client), StandardCharsets.UTF_8));
                            String line = reader.readLine();
                            client.write(java.nio.ByteBuffer.wrap(("agent got: " + line + "\n")
                                    .getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                } catch (IOException closed) {
                    // server closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            agent.threads.add(acceptor);
            return agent;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
