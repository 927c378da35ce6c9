package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.executor.ProcessUser;
import dev.jbuild.executor.UnknownUserException;
import dev.jbuild.executor.UserResolver;
import dev.jbuild.parser.instructions.Workdir;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * WORKDIR: joined to the previous one when relative, and created (0755, owned by the image's USER as
 * BuildKit does) in a layer of its own; {@code WORKDIR /} makes no layer.
 */
final class WorkdirInstruction {
    private WorkdirInstruction() {
    }

    /** Before the build runs: the path expands, and later steps of the stage work in it. */
    static void check(BuildSession session, StageState state, Workdir workdir) {
        ConfigInstructions.workdir(Expander.of(session, state, workdir.range()), state, workdir);
    }

    private static String absolute(BuildSession session, StageState state, Workdir workdir) {
        return RunMounts.absolute(state, Expander.of(session, state, workdir.range()).word(workdir.path()));
    }

    static void apply(BuildSession session, StageState state, Workdir workdir, StepId step)
            throws IOException, InterruptedException {
        String absolute = absolute(session, state, workdir);
        if (absolute.equals("/")) {
            state.updateRun(run -> run.withWorkingDir(absolute));
            state.addHistory("WORKDIR " + absolute);
            session.emit(new BuildEvent.StepFinished(step, Duration.ZERO));
            return;
        }
        String user = state.run().user();
        CacheKey key = new CacheKey(state.stateKey(), "WORKDIR " + absolute, Map.of(), null, List.of("user=" + user,
                "epoch=" + session.request().sourceDateEpoch()));
        LayerStep.run(session, state, step, key, "WORKDIR " + absolute, (workspace, warn) -> {
            ProcessUser owner = ProcessUser.ROOT;
            if (!user.isEmpty()) {
                try {
                    owner = new UserResolver(workspace.rootfs()).resolve(user);
                } catch (UnknownUserException e) {
                    throw new BuildException(e.getMessage(), step, e);
                }
            }
            RootPaths.mkdirs(workspace.rootfs(), absolute, owner.uid(), owner.gid());
        });
        state.updateRun(run -> run.withWorkingDir(absolute));
    }
}
