package dev.jbuild.parser.syntax;

import java.util.List;

/** A logical line split into keyword, flags and arguments, before heredoc bodies and positions are attached. */
record ShapedLine(String keyword, List<String> flags, List<String> args, boolean jsonForm, ShapedLine nested) {

    /** BuildKit reads heredoc bodies only for RUN, COPY and ADD (directly or under ONBUILD) in shell form. */
    boolean canContainHeredoc() {
        ShapedLine target = keyword.equalsIgnoreCase("onbuild") && nested != null ? nested : this;
        String k = target.keyword.toLowerCase(java.util.Locale.ROOT);
        return (k.equals("run") || k.equals("copy") || k.equals("add")) && !target.jsonForm;
    }
}
