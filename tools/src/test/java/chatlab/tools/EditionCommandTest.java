package chatlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Student editions of steps 1-2 and 1-4, each proved on a clean clone: every grader of every step
 * fails on the starter with its TODO (0 of N), and passes once the reference solution is copied in;
 * the Classroom points then add up to the maximum, in the reporter's table as in the points.
 */
@Timeout(1800)
class EditionCommandTest {
    private static final Path KIT = Path.of(System.getProperty("chatlab.kit", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void an_edition_of_steps_1_and_2_holds_no_answer_and_grades_from_0_to_all() throws Exception {
        Path clone = editionClone("1-2");
        assertThat(clone.resolve("common/src/main/java/chatlab/common/Framing.java"))
                .as("common's frame codec is step 2's answer: not in an edition before step 3").doesNotExist();
        assertThat(clone.resolve("step3-multithreaded")).doesNotExist();
        provedBothWays(clone, List.of(new Kit.Step(1, "step1-one-to-one"), new Kit.Step(2, "step2-framed")));
        Processes.Ending probe = Processes.bounded(clone, List.of("sh", "./chatlab", "probe", "--help"),
                Duration.ofMinutes(5), temp.resolve("probe.log"), 1 << 20, Map.of());
        assertThat(probe.status()).as("the edition builds and runs its own tools: " + Files.readString(
                temp.resolve("probe.log"))).isZero();
        assertThat(Files.readString(temp.resolve("probe.log"))).contains("--half-close");
        Path output = temp.resolve("github-output");
        Processes.Ending points = Processes.bounded(clone, List.of("python3", ".github/classroom/points.py"),
                Duration.ofMinutes(1), temp.resolve("points.log"), 1 << 20, Map.of("GITHUB_OUTPUT", output.toString()));
        assertThat(points.status()).as(Files.readString(temp.resolve("points.log"))).isZero();
        String workflow = Files.readString(clone.resolve(".github/workflows/classroom.yml"));
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            String runner = line.substring(0, line.indexOf('='));
            assertThat(workflow).contains("steps.points.outputs." + runner + " ", "," + runner);
            JsonNode result = JSON.readTree(Base64.getDecoder().decode(line.substring(line.indexOf('=') + 1)));
            int scores = 0;
            int passed = 0;
            for (JsonNode test : result.get("tests")) {
                scores += test.get("score").asInt();
                passed += test.get("status").asText().equals("pass") ? 1 : 0;
            }
            int max = result.get("max_score").asInt();
            // What Classroom gets (the scores) and what the reporter's table shows (passed share x max) agree.
            assertThat(scores).as(runner).isEqualTo(max);
            assertThat((double) passed / result.get("tests").size() * max).as(runner).isEqualTo(scores);
        }
    }

    @Test
    void an_edition_of_all_four_steps_grades_from_0_to_all() throws Exception {
        Path clone = editionClone("1-4");
        assertThat(clone.resolve("common/src/main/java/chatlab/common/Framing.java")).exists();
        provedBothWays(clone, new Kit(KIT).steps());
    }

    /** Builds the edition, checks what it holds, and clones it: what a student gets. */
    private Path editionClone(String steps) throws IOException {
        System.setProperty("chatlab.kit", KIT.toString());
        Path edition = temp.resolve("edition-" + steps);
        assertThat(new CommandLine(new EditionCommand()).execute("--steps", steps, "--out", edition.toString())).isZero();
        assertThat(Processes.output(edition, "git", "log", "--oneline")).hasSize(1);
        assertThat(Processes.output(edition, "git", "status", "--porcelain")).isEmpty();
        try (Stream<Path> files = Files.walk(edition)) {
            assertThat(files.map(file -> edition.relativize(file).toString().replace('\\', '/')))
                    .noneMatch(name -> name.startsWith("solutions") || name.startsWith("kit-check")
                            || name.startsWith("tools/src/test") || name.startsWith(".ci")
                            || name.contains("reference") && !name.startsWith("tools/")
                            || name.startsWith("grading-support/src/test"))
                    .contains(".github/workflows/classroom.yml", ".github/classroom/points.py", "mvnw", "README.md",
                            "chatlab", "chatlab.cmd", "tools/pom.xml"); // students probe and bench with ./chatlab
        }
        assertThat(Files.readString(edition.resolve("README.md")).lines().limit(8))
                .anyMatch(line -> line.contains("../mvnw test")).anyMatch(line -> line.contains("git push"));
        Path clone = temp.resolve("clone-" + steps);
        Processes.output(temp, "git", "clone", "--quiet", edition.toString(), clone.toString());
        return clone;
    }

    /** Every check of each step fails on the starter and passes on the reference. */
    private static void provedBothWays(Path clone, List<Kit.Step> steps) throws IOException {
        for (Kit.Step step : steps) {
            Path log = clone.resolve(step.folder() + ".log");
            List<CheckResult> starter = grade(clone, step, log);
            assertThat(starter).as("checks of the starter of %s", step).isNotEmpty()
                    .allSatisfy(check -> assertThat(check.passed()).as(check.check()).isFalse());
            assertThat(Files.readString(log)).contains("Total", " 0/" + starter.size() + " ");
            Path reference = KIT.resolve("solutions/src/main/java/chatlab/step" + step.number());
            try (Stream<Path> files = Files.list(reference)) {
                for (Path file : files.toList()) {
                    Files.copy(file, step.sources(clone).resolve("chatlab/step" + step.number())
                            .resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<CheckResult> done = grade(clone, step, log);
            assertThat(done).as("checks of the reference of %s; log:%n%s", step, Files.readString(log))
                    .hasSameSizeAs(starter).allSatisfy(check -> assertThat(check.passed()).as(check.check()).isTrue());
        }
    }

    private static List<CheckResult> grade(Path clone, Kit.Step step, Path log) throws IOException {
        Processes.bounded(clone.resolve(step.folder()), List.of("sh", "../mvnw", "--batch-mode",
                "--no-transfer-progress", "test"), Duration.ofMinutes(10), log, 4 << 20);
        return StepRun.readChecks(clone.resolve(step.folder()).resolve("target/grading/checks.jsonl"));
    }
}
