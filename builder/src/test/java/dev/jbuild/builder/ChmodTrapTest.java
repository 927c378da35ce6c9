package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code COPY --chmod=644 config.yml /srv/app/conf/config.yml}: BuildKit (Docker 28.1 on, fsutil#228) gives
 * the directories the copy creates mode 0644 too, and non-root users then cannot reach the file
 * (moby/moby#49851). jbuild builds what Docker builds, and warns, naming the directories and the fix.
 */
class ChmodTrapTest extends BuilderTest {
    private static List<String> warnings() {
        synchronized (fixture.events) {
            return fixture.events.stream().filter(e -> e instanceof BuildEvent.StepWarning)
                    .map(e -> ((BuildEvent.StepWarning) e).message()).toList();
        }
    }

    @Test
    void theDirectoriesAreDockersAndTheBuildSaysWhatIsWrongWithThem() throws Exception {
        Path context = BuildFixture.context(dir.resolve("trap"), "config.yml", "port: 80\n");
        String dockerfile = "FROM busybox\nCOPY --chmod=644 config.yml /srv/app/conf/config.yml\n";
        BuildResult result = fixture.build(dockerfile, context);
        assertEquals("d644 0:0", fixture.stat(result.state(), "/srv/app"));
        assertEquals("d644 0:0", fixture.stat(result.state(), "/srv/app/conf"));
        String expected = "--chmod=644 makes the directories /srv, /srv/app, /srv/app/conf (created or copied by "
                + "this step) readable but not searchable: users other than root cannot reach what is inside; use "
                + "--chmod=u=rwX,go=rX (X adds search to directories only) or create the directories first with "
                + "RUN mkdir -p";
        assertEquals(List.of(expected), warnings());
        assertEquals(List.of(expected), result.summary().warnings().stream().map(BuildEvent.StepWarning::message).toList());
        assertEquals(2, result.summary().warnings().get(0).step().range().startLine());

        fixture.build(dockerfile, context);
        assertEquals(1, fixture.cachedSteps());
        assertEquals(List.of(expected), warnings(), "the cached layer has the same directories: said again");
    }

    @Test
    void theFixIsQuiet() throws Exception {
        Path context = BuildFixture.context(dir.resolve("fixed"), "config.yml", "port: 80\n");
        BuildResult result = fixture.build("FROM busybox\nCOPY --chmod=u=rwX,go=rX config.yml /srv/app/conf/config.yml\n",
                context);
        assertEquals("d755 0:0", fixture.stat(result.state(), "/srv/app/conf"));
        assertEquals("-644 0:0", fixture.stat(result.state(), "/srv/app/conf/config.yml"));
        assertEquals(List.of(), warnings());
    }
}
