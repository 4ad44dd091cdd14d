package chatlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.grading.GradeBook;
import chatlab.grading.RuleBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

/**
 * The kit check: for every step, its graders pass on the solution and on every alternative
 * solution, every one of them fails on the untouched starter with a TODO message, every rule of
 * its RULES.md has a grader and a mutant, every mutant of the catalogue is caught by a grader that
 * enforces the mutant's rule and whose message names the real cause, and starter and solution have
 * the same public API.
 */
class KitCheckTest {
    static final List<Step> STEPS = List.of(
            new Step(1, "step1-one-to-one", Step1Mutants.ALL, Step1Mutants.WITHOUT_MUTANT),
            new Step(2, "step2-framed", Step2Mutants.ALL, Step2Mutants.WITHOUT_MUTANT),
            new Step(3, "step3-multithreaded", Step3Mutants.ALL, Step3Mutants.WITHOUT_MUTANT),
            new Step(4, "step4-broadcast", Step4Mutants.ALL, Step4Mutants.WITHOUT_MUTANT));

    /**
     * -Dkit.mutants=false leaves the mutants and the wrong programs out: CI's second run, on the
     * newest JDK, proves that the kit builds and its graders hold there; what catches the wrong
     * ones was proved on the first JDK.
     */
    private static final boolean MUTANTS = Boolean.parseBoolean(System.getProperty("kit.mutants", "true"));

    /** -Dkit.alternativeRounds=50 grades each alternative solution that many times (the flake budget). */
    private static final int ALTERNATIVE_ROUNDS = Integer.getInteger("kit.alternativeRounds", 1);

    /** Each step's graders run on the solution once; several checks below read that run. */
    private static final Map<Step, FutureTask<GraderRun>> SOLUTION_RUNS = new ConcurrentHashMap<>();

    /** -Dkit.steps=2,3 checks only those steps (default: all), for quicker work on one step. */
    private static final String ONLY = System.getProperty("kit.steps", "");

    /**
     * -Dkit.only=stuck-client runs, of the checks below, only those whose name contains it (an
     * alternative, a mutant or a wrong program), to try one of them again and again.
     */
    private static final String ONLY_NAMED = System.getProperty("kit.only", "");

    /**
     * Every check of every step is made (and so started, see {@link AheadOfTime}) before JUnit runs
     * the first: the pool works through all the steps without waiting at the end of each.
     */
    @TestFactory
    Stream<DynamicNode> every_step() {
        return STEPS.stream()
                .filter(step -> ONLY.isBlank() || List.of(ONLY.split(",")).contains(String.valueOf(step.number())))
                .map(step -> (DynamicNode) dynamicContainer(step.toString(), checksOf(step).stream()))
                .toList().stream();
    }

    private static List<DynamicTest> checksOf(Step step) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("the graders all pass on the solution", () -> gradersPassOnSolution(step)));
        checks.add(new Check("every grader fails on the untouched starter, with a TODO message",
                () -> gradersFailOnStarter(step)));
        checks.add(new Check("starter and solution expose the same public API", () -> sameApi(step)));
        checks.add(new Check("every rule has a grader, and a mutant or the reason why none can exist",
                () -> everyRuleIsEnforced(step)));
        checks.add(new Check("the step declares how many checks each task has", () -> fixedTotals(step)));
        checks.addAll(alternatives(step));
        if (MUTANTS) {
            step.mutants().forEach(mutant -> checks.add(new Check("catches mutant " + mutant.id()
                    + " (breaks " + mutant.rule() + "): " + mutant.mistake(), () -> mutantIsCaught(step, mutant))));
            checks.addAll(wrongPrograms(step));
        }
        return checks.stream()
                .filter(check -> check.name().contains(ONLY_NAMED))
                .map(check -> AheadOfTime.check(check.name(), check.body()))
                .toList();
    }

    /** A check of the kit, by the name the report gives it. */
    private record Check(String name, Executable body) {
    }

    /** The graders' run on the solution, made once per step however many checks ask for it at once. */
    private static GraderRun solutionRun(Step step) throws Exception {
        FutureTask<GraderRun> run = SOLUTION_RUNS.computeIfAbsent(step,
                s -> new FutureTask<>(() -> GraderRun.of(s, List.of(Step.solutionClasses()), null)));
        run.run(); // does nothing if another check has run it or is running it
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private static void gradersPassOnSolution(Step step) throws Exception {
        GraderRun run = solutionRun(step);
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

    /**
     * RULES.md, the graders' {@code @Enforces} tags and the mutant catalogue agree: every rule is
     * enforced by a grader and broken by a mutant (or has a reason why no deterministic mutant can
     * exist), every grader enforces a rule, and every tag and mutant names a rule that exists.
     */
    private static void everyRuleIsEnforced(Step step) throws Exception {
        Map<String, String> rules = RuleBook.parse(Files.readString(step.rules(), StandardCharsets.UTF_8)).rules();
        List<String> wrong = new ArrayList<>();
        if (rules.isEmpty()) {
            wrong.add("- " + step.rules() + " lists no rule (rows like \"| R1 | what must hold |\")");
        }
        Map<String, List<String>> graders = new TreeMap<>();
        for (GraderRun.Result result : solutionRun(step).results()) {
            if (result.rules().isEmpty()) {
                wrong.add("- grader without @Enforces: " + result.check());
            }
            for (String rule : result.rules()) {
                graders.computeIfAbsent(rule, r -> new ArrayList<>()).add(result.check());
                if (!rules.containsKey(rule)) {
                    wrong.add("- grader enforces " + rule + ", which RULES.md does not list: " + result.check());
                }
            }
        }
        Set<String> mutated = new TreeSet<>();
        for (Mutant mutant : step.mutants()) {
            mutated.add(mutant.rule());
            if (!rules.containsKey(mutant.rule())) {
                wrong.add("- mutant " + mutant.id() + " breaks " + mutant.rule() + ", which RULES.md does not list");
            }
        }
        for (String rule : rules.keySet()) {
            if (!graders.containsKey(rule)) {
                wrong.add("- " + rule + " has no grader: " + rules.get(rule));
            }
            boolean excused = step.withoutMutant().containsKey(rule);
            if (!mutated.contains(rule) && !excused) {
                wrong.add("- " + rule + " has no mutant, and no reason why none can exist: " + rules.get(rule));
            } else if (mutated.contains(rule) && excused) {
                wrong.add("- " + rule + " has a mutant, so it needs no reason in WITHOUT_MUTANT");
            }
        }
        for (String rule : step.withoutMutant().keySet()) {
            if (!rules.containsKey(rule)) {
                wrong.add("- WITHOUT_MUTANT names " + rule + ", which RULES.md does not list");
            }
        }
        assertThat(wrong).as("rules of %s (%s) against graders and mutants:%n%s", step, step.rules(),
                String.join("\n", wrong)).isEmpty();
    }

    /**
     * The step's pom declares its checks per task (grading.checks), so that a run with checks
     * deleted or renamed never calls the step done; the declaration must match the graders.
     */
    private static void fixedTotals(Step step) throws Exception {
        Map<Integer, Integer> ran = new TreeMap<>();
        for (GraderRun.Result result : solutionRun(step).results()) {
            ran.merge(result.task(), 1, Integer::sum);
        }
        String counts = ran.values().stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(GradeBook.parseExpected(step.declaredChecks()))
                .as("<grading.checks> in %s/pom.xml must list the checks of tasks 1, 2, ... as the graders have "
                        + "them: %s", step.module(), counts)
                .isEqualTo(GradeBook.parseExpected(counts));
    }

    /** Every alternative correct solution (kit-check/alternatives/stepN/DESIGN) passes every grader. */
    private static List<Check> alternatives(Step step) {
        List<Check> checks = new ArrayList<>();
        for (Path design : listed(step::alternatives)) {
            checks.add(new Check("the graders all pass on the alternative solution " + design.getFileName(), () -> {
                Path classes = Implementations.standalone(step, design);
                for (int round = 1; round <= ALTERNATIVE_ROUNDS; round++) {
                    GraderRun run = GraderRun.of(step, List.of(classes), null);
                    assertThat(run.failures().size())
                            .as("graders of %s that fail on the alternative solution %s in round %s of %s "
                                    + "(output in %s):%n%s", step, design, round, ALTERNATIVE_ROUNDS, run.log(),
                                    run.describeFailures())
                            .isZero();
                }
            }));
        }
        return checks;
    }

    /**
     * Every wrong program written independently of the kit is caught by a grader of the rule its
     * BUG.md names, and the failure report names that rule.
     */
    private static List<Check> wrongPrograms(Step step) {
        List<Check> checks = new ArrayList<>();
        for (Path program : listed(step::wrongPrograms)) {
            checks.add(new Check("catches the independently written wrong program " + program.getFileName(), () -> {
                String rule = Step.brokenRule(program);
                Path classes = Implementations.patched(step, program, step.base(program));
                String named = "Rule " + rule + ":";
                GraderRun run = GraderRun.ofRule(step, List.of(classes), named, rule);
                assertThat(run.failures().stream().anyMatch(result -> result.message().contains(named)))
                        .as("the wrong program %s of %s breaks %s (%s); a grader of %s must fail on it, naming "
                                + "the rule; %s (output in %s)", program.getFileName(), step, rule,
                                Files.readAllLines(program.resolve("BUG.md")).stream().skip(1)
                                        .collect(Collectors.joining(" ")).strip(), rule,
                                run.failures().isEmpty() ? "none failed"
                                        : "those that failed said:\n" + run.describeFailures(), run.log())
                        .isTrue();
            }));
        }
        return checks;
    }

    /** The folders a step lists (its alternatives, its wrong programs). */
    private static List<Path> listed(Lister lister) {
        try {
            return lister.list();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Lister {
        List<Path> list() throws IOException;
    }

    private static void mutantIsCaught(Step step, Mutant mutant) throws Exception {
        Path classes = Implementations.mutant(step, mutant);
        GraderRun run = GraderRun.ofRule(step, List.of(classes, Step.solutionClasses()), mutant.cause(), mutant.rule());
        String cause = mutant.cause().toLowerCase(Locale.ROOT);
        String rule = "Rule " + mutant.rule() + ":";
        boolean caught = run.failures().stream()
                .anyMatch(result -> result.message().toLowerCase(Locale.ROOT).contains(cause)
                        && result.rules().contains(mutant.rule()) && result.message().contains(rule));
        assertThat(caught)
                .as("mutant %s of %s (%s) must be caught by a grader that enforces %s and whose message says "
                                + "\"%s\"; %s (output in %s)",
                        mutant.id(), step, mutant.mistake(), mutant.rule(), mutant.cause(),
                        run.failures().isEmpty() ? "no grader failed at all"
                                : "the graders that failed said:\n" + run.describeFailures(),
                        run.log())
                .isTrue();
    }
}
