package dev.jbuild.builder;

/**
 * Receives build events. Stages run in parallel, so calls may come from several threads at once;
 * implementations synchronise as they need.
 */
@FunctionalInterface
public interface BuildListener {
    void on(BuildEvent event);

    BuildListener NONE = event -> { };
}
