package chatlab.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chatlab gradescope --out autograder.zip}: the Gradescope autograder around chatlab grade. */
@Command(name = "gradescope", mixinStandardHelpOptions = true,
        description = {"Writes a Gradescope autograder (setup.sh, run_autograder and this kit's graders, without "
                + "the reference solutions or the kit check): Gradescope grades each submission with chatlab grade "
                + "and reads its results.json.",
                "Make one per assignment: --steps 1 for step 1, --steps 1-2 for a submission of both."})
final class GradescopeCommand implements Callable<Integer> {
    /** Instructor material that a grading machine does not need: the answers, and the kit's self-check. */
    static final List<String> LEFT_OUT = List.of("solutions/src/", "kit-check/", ".ci/", ".github/", ".git/");

    @Option(names = "--out", required = true, paramLabel = "autograder.zip", description = "The zip to write.")
    Path out;

    @Option(names = "--steps", required = true, paramLabel = "N-M", description = "The steps this assignment grades.")
    String steps;

    @Option(names = "--time-limit", defaultValue = "PT8M", paramLabel = "DURATION", description = "The most one "
            + "step's grading may take (default ${DEFAULT-VALUE}; Gradescope's own limit is per submission).")
    Duration timeLimit;

    @Override
    public Integer call() throws IOException {
        GradeCommand.range(steps);
        Kit kit = Kit.here();
        Path zip = out.toAbsolutePath();
        if (zip.getParent() != null) {
            Files.createDirectories(zip.getParent());
        }
        int files = 0;
        try (ZipArchiveOutputStream archive = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            add(archive, "setup.sh", 0755, script("setup.sh"));
            add(archive, "run_autograder", 0755, script("run_autograder"));
            for (Path file : kit.files()) {
                String name = kit.root().relativize(file).toString().replace('\\', '/');
                if (LEFT_OUT.stream().noneMatch(name::startsWith)) {
                    boolean executable = name.equals("mvnw") || name.equals("chatlab") || name.endsWith(".sh");
                    add(archive, name, executable ? 0755 : 0644, Files.readAllBytes(file));
                    files++;
                }
            }
        }
        System.out.println("Gradescope autograder for steps " + steps + " in " + zip + " (" + files + " files of "
                + "the kit). Upload it as the assignment's autograder (Ubuntu base image).");
        return 0;
    }

    /** A script of the package, with this assignment's steps and time limit filled in. */
    private byte[] script(String name) throws IOException {
        try (var in = GradescopeCommand.class.getResourceAsStream("gradescope/" + name)) {
            if (in == null) {
                throw new IOException("the tools lack their gradescope/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@STEPS@", steps.strip())
                    .replace("@TIME_LIMIT@", timeLimit.toString()).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void add(ZipArchiveOutputStream archive, String name, int mode, byte[] content) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(mode);
        entry.setSize(content.length);
        archive.putArchiveEntry(entry);
        OutputStream out = archive;
        out.write(content);
        archive.closeArchiveEntry();
    }
}
