package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.parser.syntax.SourceRange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dockerfile excerpt of a failed build is BuildKit's, whatever the JVM's locale. */
class FailureReportTest {

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "ar-EG", "hi-IN-u-nu-deva", "tr-TR", "de-DE"})
    void theExcerptHasAsciiLineNumbersInEveryLocale(String languageTag) {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(languageTag));
        try {
            List<String> lines = List.of("FROM busybox", "WORKDIR /src", "COPY . .", "RUN make test", "CMD [\"app\"]");
            StepId step = new StepId(4, "stage-0", 3, 3, "RUN make test", SourceRange.line("Dockerfile", 4, 1));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            FailureReport.print(new PrintStream(err, true, StandardCharsets.UTF_8),
                    new BuildException("exit code: 2", step, null), lines);
            assertEquals("""
                    Dockerfile:4
                    --------------------
                       2 | WORKDIR /src
                       3 | COPY . .
                       4 | >>> RUN make test
                       5 | CMD ["app"]
                    --------------------
                    """, err.toString(StandardCharsets.UTF_8));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
