package chatlab.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatlab grade SUBMISSION... --out RESULTS}: grades submissions on the kit's pristine graders. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grades students' submissions (student editions: folders or git repositories) on this kit's "
                + "pristine graders: only each step's src/main/java is taken from a submission.",
                "One submission: RESULTS/results.json (Gradescope), RESULTS/junit.xml, RESULTS/summary.csv. "
                        + "Several: the same in RESULTS/<student>/, and one RESULTS/summary.csv for all."})
final class GradeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SUBMISSION", description = "A student's folder, or a git URL to clone.")
    List<String> submissions;

    @Option(names = "--out", required = true, paramLabel = "RESULTS", description = "Where to write the results.")
    Path out;

    @Option(names = "--steps", paramLabel = "N-M", description = "The steps to grade, e.g. 1-2 or 3 (default: every "
            + "step of the kit that the submission has).")
    String steps;

    @Option(names = "--student", description = "The student's name in the results (one submission only; default: "
            + "the folder's or repository's name).")
    String student;

    @Option(names = "--jobs", defaultValue = "1", description = "How many submissions to grade at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--time-limit", defaultValue = "PT10M", paramLabel = "DURATION", description = "The most one "
            + "step's grading may take before it is cut off, keeping the checks that finished (ISO-8601: PT10M, PT90S).")
    Duration timeLimit;

    @Override
    public Integer call() throws Exception {
        if (student != null && submissions.size() > 1) {
            throw new IllegalArgumentException("--student names one submission; there are " + submissions.size());
        }
        Kit kit = Kit.here();
        Files.createDirectories(out);
        Path scratch = Files.createTempDirectory("chatlab-submissions-");
        try {
            List<Submission> all = new ArrayList<>();
            for (String where : submissions) {
                all.add(Submission.of(where, student, scratch));
            }
            List<Kit.Step> graded = chosenSteps(kit, all);
            Grader grader = new Grader(kit, graded, timeLimit);
            System.out.println("Grading " + all.size() + " submission(s), " + graded + ", " + jobs + " at a time.");
            grader.prepare();
            List<Grader.Graded> results = gradeAll(grader, all);
            boolean one = results.size() == 1;
            for (Grader.Graded result : results) {
                Path folder = one ? out : out.resolve(safeName(result.submission().student()));
                Files.createDirectories(folder);
                Results.writeGradescope(result, folder.resolve("results.json"));
                Results.writeJUnit(result, folder.resolve("junit.xml"));
                System.out.printf("%-30s %4d / %d points (%d s)%n", result.submission().student(), result.score(),
                        result.maxScore(), result.millis() / 1000);
            }
            Results.writeSummaryCsv(results, out.resolve("summary.csv"));
            System.out.println("Results in " + out.toAbsolutePath() + (one ? "" : " (one folder per student)")
                    + "; points per task in " + out.resolve("summary.csv"));
            return 0;
        } finally {
            Workspaces.delete(scratch);
        }
    }

    private List<Grader.Graded> gradeAll(Grader grader, List<Submission> all) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<Grader.Graded>> pending = new ArrayList<>();
            for (Submission submission : all) {
                pending.add(pool.submit(() -> {
                    try {
                        return grader.grade(submission);
                    } catch (IOException e) {
                        throw new UncheckedIOException("grading " + submission.student() + ": " + e.getMessage(), e);
                    }
                }));
            }
            List<Grader.Graded> results = new ArrayList<>();
            for (Future<Grader.Graded> result : pending) {
                try {
                    results.add(result.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Kit.Step> chosenSteps(Kit kit, List<Submission> all) {
        List<Kit.Step> chosen = new ArrayList<>();
        int[] range = steps == null ? null : range(steps);
        for (Kit.Step step : kit.steps()) {
            boolean wanted = range != null ? step.number() >= range[0] && step.number() <= range[1]
                    : all.stream().anyMatch(submission -> submission.has(step));
            if (wanted) {
                chosen.add(step);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no step to grade: the submission has no stepN-*/src/main/java folder "
                    + "of this kit" + (steps == null ? "" : " in --steps " + steps));
        }
        return chosen;
    }

    static int[] range(String text) {
        String[] parts = text.strip().split("-");
        try {
            int from = Integer.parseInt(parts[0].strip());
            int to = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : from;
            if (parts.length > 2 || from < 1 || to < from) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--steps takes N or N-M (e.g. 1-2), not " + text);
        }
    }

    private static String safeName(String student) {
        return student.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
