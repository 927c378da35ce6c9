package dev.jbuild.lint.rules;

import dev.jbuild.lint.model.LintUnit;

/** A group of related rules run over one Dockerfile. */
public interface Check {
    void run(LintUnit unit, FindingSink sink);
}
