package dev.jbuild.builder.dispatch;

import java.util.List;

/**
 * What a build will do, worked out and checked before its first step: the stages the target needs,
 * each after the stages it needs, and how many steps progress will show in all.
 */
public record BuildPlan(List<StagePlan> stages, int steps) {
    public BuildPlan {
        stages = List.copyOf(stages);
    }
}
