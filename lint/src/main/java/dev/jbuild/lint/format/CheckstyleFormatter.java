package dev.jbuild.lint.format;

import dev.jbuild.lint.FileReport;
import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintReport;

/** Checkstyle XML: one {@code file} element per Dockerfile, one {@code error} element per finding. */
public final class CheckstyleFormatter implements ReportFormatter {

    @Override
    public String format(LintReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
        for (FileReport file : report.files()) {
            out.append("  <file name=\"").append(escape(file.file())).append("\">\n");
            for (Finding f : file.findings()) {
                out.append("    <error line=\"").append(f.line()).append("\" column=\"").append(f.column())
                        .append("\" severity=\"").append(f.severity().label())
                        .append("\" message=\"").append(escape(f.message()))
                        .append("\" source=\"jbuild.lint.").append(escape(f.rule())).append("\"/>\n");
            }
            out.append("  </file>\n");
        }
        return out.append("</checkstyle>\n").toString();
    }

    /** XML attribute text; characters XML 1.0 cannot hold at all are dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
