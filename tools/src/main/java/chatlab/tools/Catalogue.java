package chatlab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every check of a step, with its task and points: what a submission is graded against, so that a
 * check that did not run (code that does not compile, a run cut off) still counts, as failed. It is
 * learnt by grading the pristine starter once, and kept until the step's graders change.
 */
final class Catalogue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Kit kit;
    private final Path cache;
    private final Duration limit;
    /** What this run has learnt already: every submission is graded against the same lists. */
    private final Map<Kit.Step, List<CheckResult>> known = new HashMap<>();

    Catalogue(Kit kit, Duration limit) {
        this.kit = kit;
        this.cache = kit.root().resolve("tools/target/catalogue");
        this.limit = limit;
    }

    /** The step's checks in lesson order, all as failed (they are the starter's outcome). */
    synchronized List<CheckResult> checks(Kit.Step step) throws IOException {
        List<CheckResult> checks = known.get(step);
        if (checks == null) {
            checks = List.copyOf(load(step));
            known.put(step, checks);
        }
        return checks;
    }

    /** From the cache file, made by grading the starter if the step's graders have changed since. */
    private List<CheckResult> load(Kit.Step step) throws IOException {
        Path file = cache.resolve(step.folder() + "-" + fingerprint(step) + ".jsonl");
        if (!Files.exists(file)) {
            Path workspace = Files.createTempDirectory("chatlab-catalogue-");
            try {
                kit.copyTo(workspace);
                StepRun.Outcome starter = StepRun.grade(workspace, step, limit);
                int declared = kit.declaredChecks(step).values().stream().mapToInt(Integer::intValue).sum();
                if (starter.checks().size() != declared) {
                    throw new IOException("the starter of " + step + " ran " + starter.checks().size() + " checks, but "
                            + "its pom declares " + declared + (starter.problem() == null ? "" : ": " + starter.problem()
                            + "\n" + starter.details()));
                }
                Files.createDirectories(cache);
                List<String> lines = new ArrayList<>();
                for (CheckResult check : starter.checks()) {
                    lines.add(JSON.writeValueAsString(check));
                }
                Files.write(file, lines, StandardCharsets.UTF_8);
            } finally {
                Workspaces.delete(workspace);
            }
        }
        return StepRun.readChecks(file);
    }

    /** A digest of what decides the step's checks: its graders, its pom and the grading support. */
    private String fingerprint(Kit.Step step) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path folder : List.of(kit.root().resolve(step.folder()).resolve("src/test"),
                    kit.root().resolve(step.folder()).resolve("pom.xml"), kit.root().resolve("grading-support/src/main"))) {
                if (!Files.exists(folder)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(folder)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update(kit.root().relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
