package dev.jbuild.parser.syntax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several things wrong with one Dockerfile, found in one pass so that the user fixes them all at once
 * instead of one per run. It is itself the first error (message, range, source line), so code that
 * handles one {@link DockerfileSyntaxException} still works; {@link #oneLine()} and
 * {@link #withCaret()} print every error, each as it would print alone, in file order.
 */
public final class DockerfileErrors extends DockerfileSyntaxException {
    /**
     * In a holder: every build calls {@link #throwIfAny} (with no errors, mostly), and the comparator's
     * lambdas cost a run that never sorts a millisecond of bootstrap.
     */
    private static final class FileOrder {
        static final Comparator<DockerfileSyntaxException> INSTANCE = Comparator
                .comparing((DockerfileSyntaxException e) -> e.range() == null ? "" : e.range().file())
                .thenComparingInt(e -> e.range() == null ? 0 : e.range().startLine())
                .thenComparingInt(e -> e.range() == null ? 0 : e.range().startColumn());
    }

    private final List<DockerfileSyntaxException> errors;

    private DockerfileErrors(List<DockerfileSyntaxException> errors) {
        super(errors.get(0).getMessage(), errors.get(0).range(), errors.get(0).sourceLine(), errors.get(0).hint());
        this.errors = errors;
        errors.forEach(this::addSuppressed);
    }

    /**
     * The exception to throw for {@code errors}: the error itself when there is one, all of them (file
     * order, each once) when there are more.
     *
     * @throws IllegalArgumentException when the list is empty
     */
    public static DockerfileSyntaxException of(List<? extends DockerfileSyntaxException> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        List<DockerfileSyntaxException> flat = new ArrayList<>();
        for (DockerfileSyntaxException error : errors) {
            if (error instanceof DockerfileErrors several) {
                flat.addAll(several.errors);
            } else {
                flat.add(error);
            }
        }
        List<DockerfileSyntaxException> distinct = new ArrayList<>();
        for (DockerfileSyntaxException error : flat) {
            if (distinct.stream().noneMatch(seen -> seen.oneLine().equals(error.oneLine()))) {
                distinct.add(error);
            }
        }
        distinct.sort(FileOrder.INSTANCE);
        return distinct.size() == 1 ? distinct.get(0) : new DockerfileErrors(List.copyOf(distinct));
    }

    /** Throws what {@link #of} makes of {@code errors}, unless the list is empty. */
    public static void throwIfAny(List<? extends DockerfileSyntaxException> errors) {
        if (!errors.isEmpty()) {
            throw of(errors);
        }
    }

    /** Every error, in file order. */
    public List<DockerfileSyntaxException> errors() {
        return errors;
    }

    @Override
    public String oneLine() {
        return String.join("\n", errors.stream().map(DockerfileSyntaxException::oneLine).toList());
    }

    @Override
    public String withCaret() {
        return String.join("\n", errors.stream().map(DockerfileSyntaxException::withCaret).toList());
    }
}
