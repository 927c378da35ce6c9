package dev.jbuild.lint.format;

import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintReport;

/** GitHub Actions workflow commands: {@code ::warning file=F,line=L,col=C,title=RULE::message}, one per finding. */
public final class GithubFormatter implements ReportFormatter {

    @Override
    public String format(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.append("::").append(command)
                    .append(" file=").append(property(f.file()))
                    .append(",line=").append(f.line())
                    .append(",col=").append(f.column())
                    .append(",title=").append(property(f.rule()))
                    .append("::").append(data(f.message())).append('\n');
        }
        return out.toString();
    }

    /** The escaping GitHub's runner undoes for a command's message. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The escaping for a property value, which must not hold ':' or ','. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
