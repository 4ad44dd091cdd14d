package chatlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chatlab grade} over fixture submissions made from the kit's own starters and reference:
 * of step 1, a correct one, a half-done one (that has no tests at all), one that replaced the
 * graders with its own, one that does not compile and one whose server hangs, graded three at a
 * time; one whose server floods its output; and one with each of the four steps half done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(900)
class GradeCommandTest {
    private static final Path KIT = Path.of(System.getProperty("chatlab.kit", "..")).toAbsolutePath().normalize();
    private static final String STEP = "step1-one-to-one";
    private static final String PACKAGE = "src/main/java/chatlab/step1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIXTURES = List.of("correct", "half-done", "own-tests", "does-not-compile",
            "hangs");

    private Path results;
    private final Map<String, JsonNode> graded = new HashMap<>();

    @BeforeAll
    void gradeTheFixtures(@TempDir Path temp) throws IOException {
        Path submissions = Files.createDirectories(temp.resolve("submissions"));
        Path correct = starter(submissions.resolve("correct"));
        for (String file : List.of("ChatProtocol.java", "ChatServer.java", "ChatClient.java")) {
            fromReference(correct, file);
        }
        fromReference(starter(submissions.resolve("half-done")), "ChatProtocol.java");
        Path ownTests = starter(submissions.resolve("own-tests"));
        fromReference(ownTests, "ChatProtocol.java");
        Path fake = Files.createDirectories(ownTests.resolve(STEP).resolve("src/test/java/chatlab/step1"));
        Files.writeString(fake.resolve("Task2ServerTest.java"), "package chatlab.step1;\nclass Task2ServerTest {}\n");
        Path broken = starter(submissions.resolve("does-not-compile"));
        Path server = broken.resolve(STEP).resolve(PACKAGE + "ChatServer.java");
        Files.writeString(server, Files.readString(server).replaceFirst("public void run\\(\\)", "public void run("));
        Path hangs = starter(submissions.resolve("hangs"));
        fromReference(hangs, "ChatProtocol.java");
        Path hanging = hangs.resolve(STEP).resolve(PACKAGE + "ChatServer.java");
        Files.writeString(hanging, Files.readString(hanging).replaceFirst("public void run\\(\\) throws IOException \\{",
                "public void run() throws IOException {\n        while (true) {\n            try {\n                Thread.sleep(1000);\n"
                        + "            } catch (InterruptedException ignored) {\n                // a student's hang\n"
                        + "            }\n        }\n    }\n"
                        + "\n    private void unused() throws IOException {"));

        results = temp.resolve("results");
        List<String> args = new ArrayList<>(List.of("--out", results.toString(), "--jobs", "3", "--time-limit", "PT75S"));
        for (String name : FIXTURES) {
            args.add(submissions.resolve(name).toString());
        }
        System.setProperty("chatlab.kit", KIT.toString());
        int status = new CommandLine(new GradeCommand()).execute(args.toArray(String[]::new));
        assertThat(status).as("chatlab grade's exit status").isZero();
        for (String name : FIXTURES) {
            graded.put(name, JSON.readTree(results.resolve(name).resolve("results.json").toFile()));
        }
    }

    @Test
    void the_reference_gets_every_point_and_every_test_has_gradescopes_fields() {
        JsonNode correct = graded.get("correct");
        assertThat(correct.get("score").asInt()).isEqualTo(maxScore(correct)).isPositive();
        assertThat(correct.get("execution_time").asInt()).isPositive();
        for (JsonNode test : correct.get("tests")) {
            assertThat(test.fieldNames()).toIterable().contains("name", "score", "max_score", "status", "visibility");
            assertThat(test.get("status").asText()).isEqualTo("passed");
        }
    }

    @Test
    void a_half_done_step_gets_the_points_of_its_done_task_only() {
        JsonNode half = graded.get("half-done");
        assertThat(half.get("score").asInt()).isEqualTo(taskPoints(half, 1)).isPositive()
                .isLessThan(maxScore(half));
        assertThat(passedIn(half, 1)).isTrue();
    }

    @Test
    void tests_in_a_submission_change_nothing() {
        assertThat(graded.get("own-tests").get("score").asInt()).isEqualTo(graded.get("half-done").get("score").asInt());
        assertThat(graded.get("own-tests").get("tests")).hasSameSizeAs(graded.get("correct").get("tests"));
    }

    @Test
    void code_that_does_not_compile_gets_0_with_the_compilers_message() {
        JsonNode broken = graded.get("does-not-compile");
        assertThat(broken.get("score").asInt()).isZero();
        assertThat(broken.get("tests")).hasSameSizeAs(graded.get("correct").get("tests"));
        String output = broken.get("tests").get(0).get("output").asText();
        assertThat(output).contains("does not compile").contains("ChatServer.java");
    }

    @Test
    void a_program_that_hangs_is_cut_off_and_keeps_the_points_it_earned() {
        JsonNode hangs = graded.get("hangs");
        assertThat(hangs.get("score").asInt()).isEqualTo(taskPoints(hangs, 1)).isPositive();
        boolean cutOff = false;
        for (JsonNode test : hangs.get("tests")) {
            cutOff |= test.path("output").asText().contains("cut off");
        }
        assertThat(cutOff).as("a check reported as cut off by the time limit").isTrue();
    }

    @Test
    void each_step_half_done_gets_the_points_of_its_done_tasks(@TempDir Path temp) throws IOException {
        // Step 1: ChatProtocol; step 2: the frame codec; step 3: all but shutdown(); step 4: ChatProtocol.
        Path half = temp.resolve("half-of-every-step");
        Map<Integer, List<String>> done = Map.of(1, List.of("ChatProtocol.java"), 2, List.of("FrameCodec.java"),
                3, List.of("ChatServer.java", "ClientHandler.java"), 4, List.of("ChatProtocol.java"));
        for (Kit.Step step : new Kit(KIT).steps()) {
            Workspaces.replace(step.sources(KIT), step.sources(half));
            for (String file : done.get(step.number())) {
                Path to = step.sources(half).resolve("chatlab/step" + step.number()).resolve(file);
                Files.copy(KIT.resolve("solutions/src/main/java/chatlab/step" + step.number()).resolve(file), to,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path server = half.resolve("step3-multithreaded/" + "src/main/java/chatlab/step3/ChatServer.java");
        String source = Files.readString(server);
        int from = source.indexOf("    public void shutdown() {");
        int to = source.indexOf("    private void acceptUntilShutdown");
        Files.writeString(server, source.substring(0, from) + "    public void shutdown() {\n        throw new "
                + "UnsupportedOperationException(\"TODO(step 3): Task 3 - ChatServer.shutdown\");\n    }\n\n"
                + source.substring(to));
        Path out = temp.resolve("results");
        System.setProperty("chatlab.kit", KIT.toString());
        assertThat(new CommandLine(new GradeCommand()).execute("--out", out.toString(), half.toString())).isZero();
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        Map<String, int[]> tasks = new java.util.LinkedHashMap<>();
        for (JsonNode test : results.get("tests")) {
            String task = test.get("name").asText().substring(0, test.get("name").asText().indexOf(" ("));
            int[] points = tasks.computeIfAbsent(task, t -> new int[2]);
            points[0] += test.get("score").asInt();
            points[1] += test.get("max_score").asInt();
        }
        for (String full : List.of("Step 1, Task 1", "Step 2, Task 1", "Step 2, Task 2", "Step 3, Task 1",
                "Step 3, Task 2", "Step 4, Task 1")) {
            assertThat(tasks.get(full)[0]).as(full + ", done").isEqualTo(tasks.get(full)[1]).isPositive();
        }
        for (String none : List.of("Step 1, Task 2", "Step 1, Task 3", "Step 2, Task 3", "Step 2, Task 4",
                "Step 4, Task 2", "Step 4, Task 3")) {
            assertThat(tasks.get(none)[0]).as(none + ", not started").isZero();
        }
        assertThat(tasks.get("Step 3, Task 3")[0]).as("step 3's shutdown, not done").isLessThan(tasks.get("Step 3, Task 3")[1]);
    }

    @Test
    void a_program_that_floods_its_output_is_cut_off_and_keeps_the_points_it_earned(@TempDir Path temp)
            throws IOException {
        // Graded on its own: a flood takes a core, and the other fixtures' checks keep their timing.
        Path floods = starter(temp.resolve("floods"));
        fromReference(floods, "ChatProtocol.java");
        Path server = floods.resolve(STEP).resolve(PACKAGE + "ChatServer.java");
        Files.writeString(server, Files.readString(server).replaceFirst("public void run\\(\\) throws IOException \\{",
                "public void run() throws IOException {\n        while (true) {\n            System.out.println(\"flood \".repeat(100));\n"
                        + "        }\n    }\n\n    private void unused() throws IOException {"));
        Path out = temp.resolve("results");
        System.setProperty("chatlab.kit", KIT.toString());
        assertThat(new CommandLine(new GradeCommand()).execute("--out", out.toString(), "--time-limit", "PT40S",
                floods.toString())).isZero();
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(results.get("score").asInt()).isEqualTo(taskPoints(results, 1)).isPositive();
        assertThat(results.get("tests")).hasSameSizeAs(graded.get("correct").get("tests"));
    }

    @Test
    void the_csv_and_the_junit_xml_agree_with_the_results() throws Exception {
        List<String> rows = Files.readAllLines(results.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertThat(rows.get(0)).startsWith("student,\"step 1 task 1\"").endsWith("total,max");
        assertThat(rows).hasSize(1 + FIXTURES.size());
        String correctRow = rows.stream().filter(row -> row.startsWith("correct,")).findFirst().orElseThrow();
        assertThat(correctRow).endsWith("," + maxScore(graded.get("correct")) + "," + maxScore(graded.get("correct")));
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(results.resolve("half-done").resolve("junit.xml").toFile());
        int failures = xml.getElementsByTagName("failure").getLength();
        long failed = 0;
        for (JsonNode test : graded.get("half-done").get("tests")) {
            failed += test.get("status").asText().equals("failed") ? 1 : 0;
        }
        assertThat(failures).isEqualTo(failed).isPositive();
    }

    @Test
    void the_class_report_counts_each_checks_failures_and_their_most_frequent_reason() throws IOException {
        Path page = results.resolve("report/class.html");
        int status = new CommandLine(new ReportCommand()).execute("--out", page.toString(), results.toString());
        assertThat(status).isZero();
        String html = Files.readString(page);
        assertThat(html).contains("<svg", "correct", "half-done", "does-not-compile", "hangs")
                .doesNotContain("src=", "href=", "<script");
        List<String> checks = Files.readAllLines(results.resolve("report/class-checks.csv"));
        assertThat(checks.get(0)).isEqualTo("check,points,failed,students,\"most frequent reason\"");
        assertThat(checks).hasSize(1 + graded.get("correct").get("tests").size());
        // Task 1 passes everywhere but where nothing compiled; a server check passes only for the reference.
        String task1 = checks.stream().filter(row -> row.contains("Task 1 ")).findFirst().orElseThrow();
        assertThat(task1).contains(",1," + FIXTURES.size() + ",\"the code does not compile\"");
        String task2 = checks.stream().filter(row -> row.contains("Task 2 ")).findFirst().orElseThrow();
        assertThat(task2).contains("," + (FIXTURES.size() - 1) + "," + FIXTURES.size() + ",");
        List<String> students = Files.readAllLines(results.resolve("report/class-students.csv"));
        assertThat(students).contains("correct," + maxScore(graded.get("correct")) + "," + maxScore(graded.get("correct")));
    }

    private static int maxScore(JsonNode results) {
        int max = 0;
        for (JsonNode test : results.get("tests")) {
            max += test.get("max_score").asInt();
        }
        return max;
    }

    private static int taskPoints(JsonNode results, int task) {
        int points = 0;
        for (JsonNode test : results.get("tests")) {
            points += test.get("name").asText().startsWith("Step 1, Task " + task + " ") ? test.get("max_score").asInt() : 0;
        }
        return points;
    }

    private static boolean passedIn(JsonNode results, int task) {
        for (JsonNode test : results.get("tests")) {
            if (test.get("name").asText().startsWith("Step 1, Task " + task + " ")
                    && !test.get("status").asText().equals("passed")) {
                return false;
            }
        }
        return true;
    }

    /** A submission holding the untouched starter of step 1, as a student edition has it. */
    private static Path starter(Path submission) throws IOException {
        Workspaces.replace(KIT.resolve(STEP).resolve("src/main/java"), submission.resolve(STEP).resolve("src/main/java"));
        return submission;
    }

    private static void fromReference(Path submission, String file) throws IOException {
        Files.copy(KIT.resolve("solutions/src/main/java/chatlab/step1").resolve(file),
                submission.resolve(STEP).resolve(PACKAGE + file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
