package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.Locale;

/** BuildKit's parser dump (FORMAT.md §1.5): one {@code (keyword [flags] args...)} line per instruction. */
public final class SyntaxDump {
    private SyntaxDump() {}

    public static String dump(SyntaxTree tree) {
        StringBuilder out = new StringBuilder();
        for (RawInstruction instruction : tree.instructions()) {
            out.append('(').append(node(instruction)).append(")\n");
        }
        return out.toString();
    }

    static String node(RawInstruction n) {
        StringBuilder s = new StringBuilder(n.keyword().toLowerCase(Locale.ROOT));
        if (!n.flags().isEmpty()) {
            s.append(" [");
            for (int i = 0; i < n.flags().size(); i++) {
                s.append(i == 0 ? "" : " ").append(GoText.quote(n.flags().get(i)));
            }
            s.append(']');
        }
        if (n.nested() != null) {
            s.append(" (").append(node(n.nested())).append(')');
        }
        for (String arg : n.args()) {
            s.append(' ').append(GoText.quote(arg));
        }
        return LineShaper.trim(s.toString());
    }
}
