package chatlab.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

/**
 * The kit check (SPEC §2.4): for every step, its graders pass on the solution, every one of them
 * fails on the untouched starter with a TODO message, every mutant of the catalogue is caught by
 * a grader whose message names the real cause, and starter and solution have the same public API.
 */
class KitCheckTest {
    static final List<Step> STEPS = List.of(
            new Step(1, "step1-one-to-one", Step1Mutants.ALL),
            new Step(2, "step2-framed", Step2Mutants.ALL),
            new Step(3, "step3-multithreaded", Step3Mutants.ALL),
            new Step(4, "step4-broadcast", Step4Mutants.ALL));

    /** -Dkit.steps=2,3 checks only those steps (default: all), for quicker work on one step. */
    private static final String ONLY = System.getProperty("kit.steps", "");

    @TestFactory
    Stream<DynamicNode> every_step() {
        return STEPS.stream()
                .filter(step -> ONLY.isBlank() || List.of(ONLY.split(",")).contains(String.valueOf(step.number())))
                .map(step -> dynamicContainer(step.toString(), Stream.concat(
                Stream.of(
                        dynamicTest("the graders all pass on the solution", () -> gradersPassOnSolution(step)),
                        dynamicTest("every grader fails on the untouched starter, with a TODO message",
                                () -> gradersFailOnStarter(step)),
                        dynamicTest("starter and solution expose the same public API", () -> sameApi(step))),
                step.mutants().stream().map(mutant -> mutantIsCaught(step, mutant)))));
    }

    private static void gradersPassOnSolution(Step step) throws Exception {
        GraderRun run = GraderRun.of(step, List.of(Step.solutionClasses()), null);
        assertThat(run.failures().size())
                .as("graders of %s that fail on the reference solution (output in %s):%n%s", step, run.log(),
                        run.describeFailures())
                .isZero();
        assertThat(run.results()).as("the graders of %s", step).hasSizeGreaterThan(10);
    }

    private static void gradersFailOnStarter(Step step) throws Exception {
        GraderRun run = GraderRun.of(step, List.of(), null);
        String todo = "TODO(step " + step.number() + ")";
        List<String> wrong = new ArrayList<>();
        for (GraderRun.Result result : run.results()) {
            if (result.passed()) {
                wrong.add("- passes on the starter, so it asserts nothing: " + result.check());
            } else if (!result.message().contains(todo)) {
                wrong.add("- fails without naming the TODO: " + result.check() + "\n" + result.message());
            }
        }
        assertThat(wrong.size()).as("graders of %s on the untouched starter (output in %s):%n%s", step, run.log(),
                String.join("\n", wrong)).isZero();
    }

    private static void sameApi(Step step) throws Exception {
        List<String> solutionClasses = PublicApi.classesIn(Step.solutionClasses(), step.packagePath());
        List<String> todoClasses = new ArrayList<>();
        for (String name : PublicApi.classesIn(step.starterClasses(), step.packagePath())) {
            if (PublicApi.hasTodo(step.starterClasses(), step.packagePath(), name, step.number())) {
                todoClasses.add(name);
            }
        }
        assertThat(solutionClasses)
                .as("the solution of %s must complete exactly the starter's classes that have TODOs", step)
                .containsExactlyElementsOf(todoClasses);
        for (String name : solutionClasses) {
            String className = step.packageName() + "." + name;
            TreeSet<String> starter = PublicApi.describe(className, List.of(step.starterClasses()));
            TreeSet<String> solution = PublicApi.describe(className,
                    List.of(Step.solutionClasses(), step.starterClasses()));
            assertThat(solution).as("public API of %s: solution vs starter", className)
                    .containsExactlyElementsOf(starter);
        }
    }

    private static DynamicTest mutantIsCaught(Step step, Mutant mutant) {
        return dynamicTest("catches mutant " + mutant.id() + ": " + mutant.mistake(), () -> {
            Path classes = MutantCompiler.compile(step, mutant);
            GraderRun run = GraderRun.of(step, List.of(classes, Step.solutionClasses()), mutant.cause());
            String cause = mutant.cause().toLowerCase(Locale.ROOT);
            boolean caught = run.failures().stream()
                    .anyMatch(result -> result.message().toLowerCase(Locale.ROOT).contains(cause));
            assertThat(caught)
                    .as("mutant %s of %s (%s) must be caught by a grader whose message says \"%s\"; %s (output in %s)",
                            mutant.id(), step, mutant.mistake(), mutant.cause(),
                            run.failures().isEmpty() ? "no grader failed at all"
                                    : "the graders that failed said:\n" + run.describeFailures(),
                            run.log())
                    .isTrue();
        });
    }
}
