package dev.jbuild.lint;

/** Where a rule comes from, which decides its id style and where its upstream documentation lives. */
public enum RuleOrigin {
    /** BuildKit's build checks ({@code docker build --check}), same names and triggers. */
    BUILDKIT("BuildKit build check"),
    /** hadolint's DL rules, under their DL ids. */
    HADOLINT("hadolint rule"),
    /** Checks of jbuild's own that need the whole stage graph. */
    JBUILD("jbuild rule"),
    /** Findings of the external {@code shellcheck} tool on RUN scripts. */
    SHELLCHECK("ShellCheck");

    private final String title;

    RuleOrigin(String title) {
        this.title = title;
    }

    /** How documentation names the family, e.g. "BuildKit build check". */
    public String title() {
        return title;
    }
}
