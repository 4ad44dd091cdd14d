package chatlab.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Each check's outcome as one JSON line, written the moment the check ends: the file the
 * instructors' grading tool reads ({@code chatlab grade}). A run that is cut off (a program that
 * hangs, a time limit) still leaves the lines of every check that finished, so those points count.
 */
final class CheckLog implements AutoCloseable {
    /** A report longer than this is cut in the log: the full one is in failures.txt. */
    static final int MAX_REPORT_CHARS = 8000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream out;

    private CheckLog(OutputStream out) {
        this.out = out;
    }

    /** A fresh log in the folder (checks.jsonl), replacing the last run's. */
    static CheckLog create(Path folder) throws IOException {
        Files.createDirectories(folder);
        return new CheckLog(Files.newOutputStream(folder.resolve("checks.jsonl")));
    }

    synchronized void write(GradeBook.Check check) {
        ObjectNode line = JSON.createObjectNode()
                .put("step", check.task().step())
                .put("task", check.task().number())
                .put("taskTitle", check.task().title())
                .put("check", check.name())
                .put("points", check.points())
                .put("passed", check.passed());
        if (!check.passed()) {
            String report = check.report();
            line.put("reason", check.reason()).put("report", report.length() <= MAX_REPORT_CHARS ? report
                    : report.substring(0, MAX_REPORT_CHARS) + "\n... (" + (report.length() - MAX_REPORT_CHARS)
                    + " more characters in failures.txt)");
        }
        try {
            out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
