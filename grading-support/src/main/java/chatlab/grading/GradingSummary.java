package chatlab.grading;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a run, how far the student got: checks passed and points per task of the
 * lesson, and what to do next. Registered for every JUnit run through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; it stays silent in
 * runs without graders (classes marked {@link Task}).
 */
public final class GradingSummary implements TestExecutionListener {
    private final Map<String, TaskTally> tasks = new TreeMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        synchronized (tasks) {
            tasks.clear();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, false);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            record(test, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String summary;
        synchronized (tasks) {
            if (tasks.isEmpty()) {
                return;
            }
            summary = render();
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(summary);
        out.flush();
    }

    private void record(TestIdentifier test, boolean passed) {
        Optional<Method> method = method(test.getSource().orElse(null));
        if (method.isEmpty()) {
            return;
        }
        Task task = taskOf(method.get().getDeclaringClass());
        if (task == null) {
            return;
        }
        Points points = method.get().getAnnotation(Points.class);
        String key = String.format("%03d-%03d", task.step(), task.number());
        synchronized (tasks) {
            tasks.computeIfAbsent(key, k -> new TaskTally(task))
                    .add(passed, points == null ? 1 : points.value(), test.getDisplayName());
        }
    }

    private String render() {
        int step = tasks.values().iterator().next().task.step();
        int checks = 0;
        int passed = 0;
        int points = 0;
        int earned = 0;
        TaskTally next = null;
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(78);
        out.append('\n').append(rule).append('\n')
                .append(" Step ").append(step).append(": your progress\n")
                .append(rule).append('\n');
        for (TaskTally tally : tasks.values()) {
            out.append(String.format(" %s Task %d  %-50s %3d/%-3d checks%n",
                    tally.passed == tally.checks ? "[x]" : "[ ]", tally.task.number(), tally.task.title(),
                    tally.passed, tally.checks));
            checks += tally.checks;
            passed += tally.passed;
            points += tally.points;
            earned += tally.earned;
            if (next == null && tally.passed < tally.checks) {
                next = tally;
            }
        }
        out.append(rule).append('\n')
                .append(String.format(" Checks passed: %d/%d    Points: %d/%d%n", passed, checks, earned, points));
        if (next == null) {
            out.append(" Every check passes: step ").append(step).append(" is done. On to the next step!\n");
        } else {
            out.append(" Next: Task ").append(next.task.number()).append(" (").append(next.task.title())
                    .append("). Make this check pass first:\n")
                    .append("   \"").append(next.firstFailure).append("\"\n")
                    .append(" Its failure report is above; the lesson (README.md in this step's folder) has hints for Task ")
                    .append(next.task.number()).append(".\n");
        }
        return out.append(rule).toString();
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

    /** The task of a grader class, looking outwards through @Nested classes. */
    private static Task taskOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Task task = c.getAnnotation(Task.class);
            if (task != null) {
                return task;
            }
        }
        return null;
    }

    private static final class TaskTally {
        final Task task;
        int checks;
        int passed;
        int points;
        int earned;
        String firstFailure;

        TaskTally(Task task) {
            this.task = task;
        }

        void add(boolean ok, int worth, String name) {
            checks++;
            points += worth;
            if (ok) {
                passed++;
                earned += worth;
            } else if (firstFailure == null) {
                firstFailure = name;
            }
        }
    }
}
