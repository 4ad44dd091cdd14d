package chatlab.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of a step's checks, task by task, and the end-of-run summary a student reads: checks
 * passed of a fixed total and points per task, the first check to fix with its one-line reason, and
 * what to do next. Checks are recorded in the order they ran, which is the lesson's order.
 */
public final class GradeBook {
    private static final Pattern TODO = Pattern.compile("TODO\\(step \\d+\\):[^\\n]*");
    private static final String LINE = "-".repeat(78);

    /** One check's outcome; {@code report} is its failure report (empty when it passed). */
    public record Check(Task task, String name, int points, boolean passed, String report) {
        /** The TODO a failing check ran into, or null. */
        public String todo() {
            Matcher todo = TODO.matcher(report);
            return !passed && report.startsWith("Not implemented yet") && todo.find() ? todo.group() : null;
        }

        /** The report's first line that says what went wrong (the rules it enforces come before it). */
        public String reason() {
            for (String line : report.split("\\R")) {
                if (!line.isBlank() && !line.startsWith("Rule R")) {
                    return line.strip();
                }
            }
            return "(no message)";
        }
    }

    private final Map<String, List<Check>> tasks = new TreeMap<>();
    private final Map<Integer, Integer> expected;

    /**
     * @param expected the number of checks of each task, by task number, as the step declares them
     *                 (a run with fewer or more says so); empty to take whatever ran
     */
    public GradeBook(Map<Integer, Integer> expected) {
        this.expected = expected;
    }

    /** "16,14,11,2": the checks of tasks 1, 2, 3, 4, as a step's build declares them. */
    public static Map<Integer, Integer> parseExpected(String counts) {
        Map<Integer, Integer> expected = new LinkedHashMap<>();
        if (!counts.isBlank()) {
            String[] each = counts.split(",");
            for (int i = 0; i < each.length; i++) {
                expected.put(i + 1, Integer.parseInt(each[i].strip()));
            }
        }
        return expected;
    }

    public synchronized void record(Check check) {
        tasks.computeIfAbsent(key(check.task()), k -> new ArrayList<>()).add(check);
    }

    public synchronized boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** Every check ran and passed, and the step has all the checks it declares. */
    public synchronized boolean done() {
        return !tasks.isEmpty() && all().stream().allMatch(Check::passed) && missing().isEmpty();
    }

    /** Every check in the order it ran. */
    public synchronized List<Check> all() {
        List<Check> all = new ArrayList<>();
        tasks.values().forEach(all::addAll);
        return all;
    }

    /** The first failing check, in lesson order, or null. */
    public synchronized Check firstFailure() {
        return all().stream().filter(check -> !check.passed()).findFirst().orElse(null);
    }

    /** "Task 3: 2 of its 11 checks did not run" lines: checks deleted or renamed. */
    public synchronized List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Integer, Integer> task : expected.entrySet()) {
            int ran = (int) all().stream().filter(check -> check.task().number() == task.getKey()).count();
            if (ran != task.getValue()) {
                missing.add("Task " + task.getKey() + ": " + ran + " checks ran, but the step has " + task.getValue()
                        + ". Were grader files deleted, renamed or changed? Restore src/test from the kit.");
            }
        }
        return missing;
    }

    /** The TODOs still to do, each with how many checks it holds back, in lesson order. */
    public synchronized Map<String, Integer> todos() {
        Map<String, Integer> todos = new LinkedHashMap<>();
        for (Check check : all()) {
            String todo = check.todo();
            if (todo != null) {
                todos.merge(todo, 1, Integer::sum);
            }
        }
        return todos;
    }

    /**
     * The summary, the last thing a run prints, short enough to stay on screen above Maven's few
     * closing lines; {@code reports} says where the full reports are (empty: nowhere).
     */
    public synchronized String summary(String reports) {
        int step = tasks.values().iterator().next().get(0).task().step();
        StringBuilder out = new StringBuilder();
        out.append(LINE).append('\n')
                .append(String.format(Locale.ROOT, " %-58s %6s  %8s%n", "Step " + step + ": your progress", "checks", "points"));
        int checks = 0;
        int passed = 0;
        int points = 0;
        int earned = 0;
        for (List<Check> task : tasks.values()) {
            Task info = task.get(0).task();
            int taskPassed = (int) task.stream().filter(Check::passed).count();
            int taskChecks = Math.max(task.size(), expected.getOrDefault(info.number(), 0));
            int taskPoints = task.stream().mapToInt(Check::points).sum();
            int taskEarned = task.stream().filter(Check::passed).mapToInt(Check::points).sum();
            out.append(String.format(Locale.ROOT, " %s Task %d  %-46s %6s  %8s%n", taskPassed == taskChecks ? "[x]" : "[ ]",
                    info.number(), cut(info.title(), 46), taskPassed + "/" + taskChecks,
                    taskEarned + "/" + taskPoints));
            checks += taskChecks;
            passed += taskPassed;
            points += taskPoints;
            earned += taskEarned;
        }
        out.append(String.format(Locale.ROOT, " %-58s %6s  %8s%n", "Total", passed + "/" + checks, earned + "/" + points));
        for (String line : missing()) {
            out.append(" ! ").append(line).append('\n');
        }
        Check next = firstFailure();
        if (next == null && missing().isEmpty()) {
            out.append(" Every check passes: step ").append(step).append(" is done. On to the next step!\n");
        } else if (next != null) {
            out.append(" Next: Task ").append(next.task().number()).append(", check \"").append(next.name())
                    .append("\"\n   ").append(cut(next.reason(), 150)).append('\n')
                    .append(" Hints: Task ").append(next.task().number()).append(" in this step's README.md.");
            if (!reports.isEmpty()) {
                out.append(" Reports: ").append(reports);
            }
            out.append('\n');
        }
        return out.append(LINE).toString();
    }

    /** The task of a grader class, looking outwards through @Nested classes; null for other classes. */
    public static Task taskOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Task task = c.getAnnotation(Task.class);
            if (task != null) {
                return task;
            }
        }
        return null;
    }

    private static String key(Task task) {
        return String.format(Locale.ROOT, "%03d-%03d", task.step(), task.number());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
