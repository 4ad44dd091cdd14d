package chatlab.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades a submission on pristine graders: a fresh copy of the instructor's kit receives only the
 * student's sources (each step's src/main/java), so tests the student deleted or edited change
 * nothing. Every check of the catalogue gets an outcome; one that did not run counts as failed,
 * with the reason (the code does not compile, the run was cut off).
 */
final class Grader {
    private final Kit kit;
    private final List<Kit.Step> steps;
    private final Catalogue catalogue;
    private final Duration limit;

    Grader(Kit kit, List<Kit.Step> steps, Duration limit) {
        this.kit = kit;
        this.steps = steps;
        this.catalogue = new Catalogue(kit, limit);
        this.limit = limit;
    }

    /** The graded submission: every check of every step, in lesson order, and how long it took. */
    record Graded(Submission submission, List<CheckResult> checks, long millis) {
        int score() {
            return checks.stream().mapToInt(CheckResult::earned).sum();
        }

        int maxScore() {
            return checks.stream().mapToInt(CheckResult::points).sum();
        }
    }

    /** Learns every step's checks before grading many submissions at once. */
    void prepare() throws IOException {
        for (Kit.Step step : steps) {
            catalogue.checks(step);
        }
    }

    Graded grade(Submission submission) throws IOException {
        long started = System.nanoTime();
        List<CheckResult> all = new ArrayList<>();
        Path workspace = Files.createTempDirectory("chatlab-grade-");
        try {
            kit.copyTo(workspace);
            for (Kit.Step step : steps) {
                List<CheckResult> expected = catalogue.checks(step);
                if (!submission.has(step)) {
                    String why = "the submission has no " + step.folder() + "/src/main/java";
                    expected.forEach(check -> all.add(check.failedBecause(why, "")));
                    continue;
                }
                Workspaces.replace(submission.sources(step), step.sources(workspace));
                StepRun.Outcome outcome = StepRun.grade(workspace, step, limit);
                Map<String, CheckResult> ran = new HashMap<>();
                outcome.checks().forEach(check -> ran.put(check.key(), check));
                String why = outcome.problem() != null ? outcome.problem() : "this check did not run";
                for (CheckResult check : expected) {
                    CheckResult result = ran.get(check.key());
                    all.add(result != null ? result : check.failedBecause(why, outcome.details()));
                }
            }
        } finally {
            Workspaces.delete(workspace);
        }
        return new Graded(submission, all, (System.nanoTime() - started) / 1_000_000);
    }
}
