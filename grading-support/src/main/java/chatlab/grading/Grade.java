package chatlab.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades a step the way a student runs it ({@code ../mvnw test} in the step's folder): runs its
 * graders and prints only what helps, the summary last. One line per TODO still to do, the full
 * report of the first check to fix, then the summary; every failure report goes to a file.
 *
 * <p>Arguments: the graders' class folder, the folder for the reports, and the number of checks of
 * each task ("16,14,11,2"), so that a run with checks missing never calls the step done. Exits 0
 * only when the step is done. Each check's outcome is also written as it ends, one JSON line each,
 * to checks.jsonl in the reports folder: what the instructors' grading tool reads.
 */
public final class Grade {
    /** How much of the first failing check's report the screen shows; the file has all of it. */
    private static final int REPORT_LINES_SHOWN = 60;

    private Grade() {
    }

    public static void main(String[] args) throws IOException {
        Path graders = Path.of(args[0]);
        Path reportFolder = Path.of(args[1]);
        GradeBook book = new GradeBook(GradeBook.parseExpected(args.length > 2 ? args[2] : ""));
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        long started = System.nanoTime();
        try (CheckLog log = CheckLog.create(reportFolder)) {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(graders))).build(),
                    new GradingSummary(book, log::write));
        }
        long testsMillis = (System.nanoTime() - started) / 1_000_000;
        // For scripts/grade-times.sh: how long the checks themselves took, apart from Maven and JVM start-up.
        Files.writeString(reportFolder.resolve("tests-millis.txt"), testsMillis + "\n", StandardCharsets.UTF_8);

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (book.isEmpty()) {
            out.println("No check ran: the graders in " + graders + " are missing. Restore src/test from the kit.");
            System.exit(1);
        }
        Path reports = writeReports(book, reportFolder);
        out.print(screen(book));
        out.println(book.summary(book.firstFailure() == null ? ""
                : Path.of("").toAbsolutePath().relativize(reports.toAbsolutePath()).toString()));
        out.flush();
        System.exit(book.done() ? 0 : 1);
    }

    /** What comes before the summary: the TODOs still to do, and the first real failure in full. */
    static String screen(GradeBook book) {
        StringBuilder out = new StringBuilder("\n");
        Map<String, Integer> todos = book.todos();
        if (!todos.isEmpty()) {
            out.append("Still to do (each TODO holds back the checks that need it):\n");
            todos.forEach((todo, checks) -> out.append("  ").append(todo)
                    .append(checks == 1 ? "  (1 check)" : "  (" + checks + " checks)").append('\n'));
            out.append('\n');
        }
        GradeBook.Check first = book.firstFailure();
        if (first != null && first.todo() == null) {
            out.append("First check to fix: Task ").append(first.task().number()).append(" > ").append(first.name())
                    .append('\n');
            List<String> lines = first.report().lines().toList();
            lines.stream().limit(REPORT_LINES_SHOWN).forEach(line -> out.append("  ").append(line).append('\n'));
            if (lines.size() > REPORT_LINES_SHOWN) {
                out.append("  (").append(lines.size() - REPORT_LINES_SHOWN).append(" more lines in the reports file)\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every failing check's full report, in lesson order, in one file. */
    private static Path writeReports(GradeBook book, Path folder) throws IOException {
        StringBuilder text = new StringBuilder();
        for (GradeBook.Check check : book.all()) {
            if (!check.passed()) {
                text.append("=".repeat(78)).append('\n').append("Task ").append(check.task().number()).append(" > ")
                        .append(check.name()).append('\n').append("=".repeat(78)).append('\n')
                        .append(check.report()).append("\n\n");
            }
        }
        Path file = folder.resolve("failures.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
