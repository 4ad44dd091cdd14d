package chatlab.grading;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records each check of a run in a {@link GradeBook}. Registered for every JUnit run through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, it prints the
 * summary at the end of the run (in an IDE, say); it stays silent in runs without graders (classes
 * marked {@link Task}). {@link Grade} uses it to fill its own book and prints the summary itself.
 */
public final class GradingSummary implements TestExecutionListener {
    private final boolean printAtEnd;
    private final java.util.function.Consumer<GradeBook.Check> onEach;
    private GradeBook book;

    /** The listener JUnit finds by itself: a fresh book each run, printed at its end. */
    public GradingSummary() {
        this.printAtEnd = true;
        this.onEach = check -> { };
    }

    /** Records into a book that the caller reports, and hands each check to {@code onEach} as it ends. */
    GradingSummary(GradeBook book, java.util.function.Consumer<GradeBook.Check> onEach) {
        this.printAtEnd = false;
        this.book = book;
        this.onEach = onEach;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (printAtEnd) {
            book = new GradeBook(Map.of());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, false, "Skipped: " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            record(test, passed, passed ? "" : result.getThrowable()
                    .map(failure -> String.valueOf(failure.getMessage())).orElse("(no message)"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (printAtEnd && !book.isEmpty()) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println();
            out.println(book.summary(""));
            out.flush();
        }
    }

    private void record(TestIdentifier test, boolean passed, String report) {
        Optional<Method> method = method(test.getSource().orElse(null));
        Task task = method.map(m -> GradeBook.taskOf(m.getDeclaringClass())).orElse(null);
        if (task == null) {
            return;
        }
        Points points = method.get().getAnnotation(Points.class);
        GradeBook.Check check = new GradeBook.Check(task, Bytes.printable(test.getDisplayName()),
                points == null ? 1 : points.value(), passed, report);
        book.record(check);
        onEach.accept(check);
    }

    private static Optional<Method> method(TestSource source) {
        if (source instanceof MethodSource methodSource) {
            try {
                return Optional.of(methodSource.getJavaMethod());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
