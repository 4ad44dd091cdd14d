package chatlab.kit;

import chatlab.grading.Enforces;
import chatlab.grading.GradeBook;
import chatlab.grading.RuleBook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one step's graders in its own JVM (started by {@link GraderRun}) and writes one line per
 * check to a results file: {@code PASSED|FAILED <tab> check <tab> task <tab> rules <tab> escaped message},
 * where task is the number of the check's task and rules are the rule numbers it enforces
 * ({@link Enforces}), comma-separated.
 *
 * <p>Arguments: the step's test-classes directory, the results file, then optionally a text and
 * a rule number, each possibly empty. With a text, the run stops at the first failure whose message
 * contains it (a mutant caught for the right reason needs no more checks); with a rule, only the
 * checks that enforce it run.
 */
public final class GraderRunner {
    private GraderRunner() {
    }

    public static void main(String[] args) throws IOException {
        Path graders = Path.of(args[0]);
        Path results = Path.of(args[1]);
        String stopOn = args.length > 2 && !args[2].isEmpty() ? args[2].toLowerCase(Locale.ROOT) : null;
        String rule = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results, StandardCharsets.UTF_8), true)) {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(graders)));
            if (rule != null) {
                request.filters(enforcing(rule));
            }
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request.build(), new ResultWriter(out, stopOn));
        }
        System.exit(0);
    }

    /**
     * Keeps the checks whose method enforces the rule. The platform applies the filter to the
     * leaves of the discovered tree (a test factory is a leaf until it runs) and prunes emptied
     * classes, so their fixtures never start.
     */
    private static PostDiscoveryFilter enforcing(String rule) {
        return descriptor -> descriptor.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> RuleBook.enforcedBy(((MethodSource) source).getJavaMethod()).contains(rule))
                .map(keep -> keep ? FilterResult.included("enforces " + rule) : FilterResult.excluded("another rule"))
                .orElse(FilterResult.included("not a check"));
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final class ResultWriter implements TestExecutionListener {
        private final PrintWriter out;
        private final String stopOn;
        private TestPlan plan;

        ResultWriter(PrintWriter out, String stopOn) {
            this.out = out;
            this.stopOn = stopOn;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                out.println("SKIPPED\t" + name(test) + "\t" + task(test) + "\t" + rules(test) + "\t" + escape(reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                out.println("PASSED\t" + name(test) + "\t" + task(test) + "\t" + rules(test) + "\t");
                return;
            }
            String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("(no message)");
            out.println("FAILED\t" + name(test) + "\t" + task(test) + "\t" + rules(test) + "\t" + escape(message));
            if (stopOn != null && message.toLowerCase(Locale.ROOT).contains(stopOn)) {
                out.flush();
                System.exit(0);
            }
        }

        private static String task(TestIdentifier test) {
            return test.getSource()
                    .filter(MethodSource.class::isInstance)
                    .map(source -> GradeBook.taskOf(((MethodSource) source).getJavaClass()))
                    .map(task -> String.valueOf(task.number()))
                    .orElse("0");
        }

        private static String rules(TestIdentifier test) {
            return test.getSource()
                    .filter(MethodSource.class::isInstance)
                    .map(source -> String.join(",", RuleBook.enforcedBy(((MethodSource) source).getJavaMethod())))
                    .orElse("");
        }

        /** "Task2ServerTest > answers exit with Goodbye ..." */
        private String name(TestIdentifier test) {
            StringBuilder name = new StringBuilder(test.getDisplayName());
            for (TestIdentifier parent = plan.getParent(test).orElse(null); parent != null;
                 parent = plan.getParent(parent).orElse(null)) {
                if (parent.getParentId().isPresent()) {
                    name.insert(0, parent.getDisplayName() + " > ");
                }
            }
            return escape(name.toString());
        }
    }
}
