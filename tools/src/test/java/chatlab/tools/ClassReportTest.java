package chatlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class report over hand-made results: what a student's name or a reason may hold stays text. */
class ClassReportTest {
    @TempDir
    Path temp;

    @Test
    void names_and_reasons_are_escaped_and_reasons_counted_by_frequency() throws IOException {
        write("a<script>", check("Task 1 > x", true, ""), check("Task 2 > y", false, "no answer"));
        write("bob", check("Task 1 > x", false, "closed early"), check("Task 2 > y", false, "no answer"));
        write("carol", check("Task 1 > x", true, ""), check("Task 2 > y", false, "echoed back"));
        ClassReport report = ClassReport.read(List.of(temp));
        assertThat(report.students()).extracting(ClassReport.Student::name).containsExactly("a<script>", "bob", "carol");
        ClassReport.Check y = report.checks().get(1);
        assertThat(y.failed).isEqualTo(3);
        assertThat(y.topReason()).isEqualTo("no answer");
        Path page = temp.resolve("report.html");
        report.writeHtml(page);
        assertThat(Files.readString(page)).contains("a&lt;script&gt;").doesNotContain("<script");
    }

    private CheckResult check(String name, boolean passed, String reason) {
        return new CheckResult(1, name.contains("Task 1") ? 1 : 2, "a task", name, 1, passed, reason, "");
    }

    private void write(String student, CheckResult... checks) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(student.replaceAll("[^a-z]", "_")));
        Results.writeGradescope(new Grader.Graded(new Submission(student, folder), List.of(checks), 1000),
                folder.resolve("results.json"));
    }
}
