package chatlab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GitHub Classroom autograding of an edition: a workflow that grades every step on push, then
 * reports each check's points to Classroom. The reporter shows a runner's score as the share of
 * its tests passed times its maximum, and sends Classroom the sum of the tests' scores: so each
 * runner holds checks of one task and one weight ({@code step1task2}, {@code step1task3points2}),
 * and the table and the points agree.
 */
final class Classroom {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Classroom() {
    }

    static String runner(CheckResult check) {
        return "step" + check.step() + "task" + check.task() + (check.points() == 1 ? "" : "points" + check.points());
    }

    static void write(Path edition, List<Kit.Step> steps, Catalogue catalogue) throws IOException {
        ArrayNode checks = JSON.createArrayNode();
        Map<String, Integer> runners = new LinkedHashMap<>();
        for (Kit.Step step : steps) {
            for (CheckResult check : catalogue.checks(step)) {
                checks.addObject().put("step", check.step()).put("folder", step.folder()).put("task", check.task())
                        .put("check", check.check()).put("points", check.points()).put("runner", runner(check));
                runners.merge(runner(check), check.points(), Integer::sum);
            }
        }
        Path classroom = Files.createDirectories(edition.resolve(".github/classroom"));
        JSON.writeValue(classroom.resolve("checks.json").toFile(), checks);
        Files.write(classroom.resolve("points.py"), resource("points.py"));
        Path workflows = Files.createDirectories(edition.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("classroom.yml"), workflow(steps, runners), StandardCharsets.UTF_8);
    }

    private static String workflow(List<Kit.Step> steps, Map<String, Integer> runners) {
        StringBuilder grade = new StringBuilder();
        for (Kit.Step step : steps) {
            grade.append("(cd ").append(step.folder()).append(" && ../mvnw --batch-mode --no-transfer-progress test) "
                    + "|| failed=1; ");
        }
        StringBuilder env = new StringBuilder();
        runners.keySet().forEach(runner -> env.append("          ").append(runner.toUpperCase(java.util.Locale.ROOT))
                .append("_RESULTS: \"${{ steps.points.outputs.").append(runner).append(" }}\"\n"));
        return """
                # Grades every step on each push and reports each check's points to GitHub Classroom.
                # The graders are the ones in this repository; the course's final grade comes from its own copy.
                name: Autograding
                on:
                  - push
                  - workflow_dispatch
                  - repository_dispatch
                permissions:
                  checks: write
                  actions: read
                  contents: read
                jobs:
                  autograding:
                    runs-on: ubuntu-latest
                    if: github.actor != 'github-classroom[bot]'
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/setup-java@v4
                        with:
                          distribution: temurin
                          java-version: "17"
                          cache: maven
                      - name: Grade every step
                        id: grading
                        uses: classroom-resources/autograding-command-grader@v1
                        with:
                          test-name: every step's checks ran
                          command: "failed=0; %s exit $failed"
                          timeout: 30
                          max-score: 0
                      - name: Points per check
                        id: points
                        if: always()
                        run: python3 .github/classroom/points.py
                      - name: Autograding reporter
                        if: always()
                        uses: classroom-resources/autograding-grading-reporter@v1
                        env:
                          GRADING_RESULTS: "${{ steps.grading.outputs.result }}"
                %s        with:
                          runners: grading,%s
                """.formatted(grade.toString().strip(), env, String.join(",", runners.keySet()));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Classroom.class.getResourceAsStream("classroom/" + name)) {
            if (in == null) {
                throw new IOException("the tools lack their classroom/" + name);
            }
            return in.readAllBytes();
        }
    }
}
