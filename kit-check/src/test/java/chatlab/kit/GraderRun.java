package chatlab.kit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** One run of a step's graders against one implementation, in a JVM of its own. */
final class GraderRun {
    private static final long RUN_LIMIT_SECONDS = 600;

    /** One check's outcome, and the rules it enforces. */
    record Result(String status, String check, int task, List<String> rules, String message) {
        boolean passed() {
            return status.equals("PASSED");
        }
    }

    private final List<Result> results;
    private final Path log;

    private GraderRun(List<Result> results, Path log) {
        this.results = results;
        this.log = log;
    }

    List<Result> results() {
        return results;
    }

    List<Result> failures() {
        return results.stream().filter(result -> !result.passed()).toList();
    }

    /** The failed checks with their messages, one after the other, for a kit check's own report. */
    String describeFailures() {
        return failures().stream().map(r -> "- " + r.check() + "\n" + r.message()).collect(Collectors.joining("\n"));
    }

    /** Where the run's own output (the graders' summary, stray stack traces) was kept. */
    Path log() {
        return log;
    }

    /**
     * Runs the step's graders with the implementation's classes first on the class path.
     *
     * @param implementation class folders, in order, that come before the step's own classes
     * @param stopOn         stop at the first failure whose message contains this (or null: run all)
     */
    static GraderRun of(Step step, List<Path> implementation, String stopOn) throws IOException, InterruptedException {
        return of(step, implementation, stopOn, null);
    }

    /**
     * Runs only the graders that enforce one rule: a mutant breaks one rule, and it must be caught
     * by a grader of that rule, so the others need not run (they are most of a step's time).
     */
    static GraderRun ofRule(Step step, List<Path> implementation, String stopOn, String rule)
            throws IOException, InterruptedException {
        return of(step, implementation, stopOn, rule);
    }

    private static GraderRun of(Step step, List<Path> implementation, String stopOn, String rule)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("graders-" + step.number() + "-");
        Path resultsFile = work.resolve("results.tsv");
        Path log = work.resolve("output.log");
        List<String> classPath = new ArrayList<>();
        implementation.forEach(path -> classPath.add(path.toString()));
        classPath.add(step.starterClasses().toString());
        classPath.add(step.graderClasses().toString());
        classPath.addAll(ownClassPath());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As a student's grade runs (the root pom): not UTF-8, digits not 0-9, Turkish casing.
                "-Dfile.encoding=ISO-8859-1", "-Duser.language=tr", "-Duser.country=TR", "-Duser.extensions=u-nu-arab",
                "-cp", String.join(File.pathSeparator, classPath),
                GraderRunner.class.getName(),
                step.graderClasses().toString(),
                resultsFile.toString()));
        command.add(stopOn == null ? "" : stopOn);
        command.add(rule == null ? "" : rule);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The graders of " + step + " did not finish within " + RUN_LIMIT_SECONDS
                    + " s; see " + log);
        }
        List<Result> results = Files.exists(resultsFile)
                ? Files.readAllLines(resultsFile, StandardCharsets.UTF_8).stream()
                        .map(line -> line.split("\t", 5))
                        .map(part -> new Result(part[0], GraderRunner.unescape(part[1]), Integer.parseInt(part[2]),
                                part[3].isEmpty() ? List.of() : List.of(part[3].split(",")),
                                part.length > 4 ? GraderRunner.unescape(part[4]) : ""))
                        .collect(Collectors.toList())
                : List.of();
        if (results.isEmpty()) {
            throw new AssertionError("The graders of " + step + " ran no check; their output is in " + log + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new GraderRun(results, log);
    }

    /** This JVM's class path: JUnit, AssertJ, Awaitility, grading support and the runner itself. */
    private static List<String> ownClassPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }
}
