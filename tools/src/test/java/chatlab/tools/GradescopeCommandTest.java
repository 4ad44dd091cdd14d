package chatlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Gradescope package, unpacked where Gradescope puts it and run as Gradescope runs it
 * (run_autograder, with AUTOGRADER pointing at a folder laid out like /autograder).
 */
@Timeout(900)
class GradescopeCommandTest {
    private static final Path KIT = Path.of(System.getProperty("chatlab.kit", "..")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void the_package_holds_the_graders_but_no_answers_and_grades_a_submission() throws Exception {
        System.setProperty("chatlab.kit", KIT.toString());
        Path zip = temp.resolve("autograder.zip");
        int status = new CommandLine(new GradescopeCommand()).execute("--out", zip.toString(), "--steps", "1",
                "--time-limit", "PT5M");
        assertThat(status).isZero();

        Path autograder = temp.resolve("autograder");
        Map<String, Integer> modes = unzip(zip, autograder.resolve("source"));
        assertThat(modes).containsKeys("setup.sh", "run_autograder", "pom.xml", "chatlab", "mvnw",
                "step1-one-to-one/src/test/java/chatlab/step1/Task2ServerTest.java", "tools/pom.xml");
        assertThat(modes.get("run_autograder") & 0111).isNotZero();
        assertThat(modes.get("setup.sh") & 0111).isNotZero();
        assertThat(modes.keySet()).noneMatch(name -> name.startsWith("solutions/src/") || name.startsWith("kit-check/"));
        String run = Files.readString(autograder.resolve("source/run_autograder"));
        assertThat(run).contains("--steps 1 --time-limit PT5M").doesNotContain("@STEPS@");

        Path sources = autograder.resolve("submission/step1-one-to-one/src/main/java");
        Workspaces.replace(KIT.resolve("step1-one-to-one/src/main/java"), sources);
        for (String file : List.of("ChatProtocol.java", "ChatServer.java", "ChatClient.java")) {
            Files.copy(KIT.resolve("solutions/src/main/java/chatlab/step1").resolve(file),
                    sources.resolve("chatlab/step1").resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(autograder.resolve("results"));
        Path log = temp.resolve("run_autograder.log");
        Processes.Ending ending = Processes.bounded(temp, List.of("bash", autograder.resolve("source/run_autograder")
                .toString()), Duration.ofMinutes(10), log, 1 << 20, Map.of("AUTOGRADER", autograder.toString()));
        assertThat(ending.status()).as("run_autograder's status; its output:\n%s", Files.readString(log)).isZero();
        JsonNode results = new ObjectMapper().readTree(autograder.resolve("results/results.json").toFile());
        int max = 0;
        for (JsonNode test : results.get("tests")) {
            max += test.get("max_score").asInt();
        }
        assertThat(results.get("score").asInt()).isEqualTo(max).isPositive();
    }

    /** Unpacks the zip as Gradescope does, keeping each file's permissions; returns the entries' modes. */
    private static Map<String, Integer> unzip(Path zip, Path into) throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(archive.getEntries())) {
                modes.put(entry.getName(), entry.getUnixMode());
                Path file = into.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                try (var in = archive.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                if ((entry.getUnixMode() & 0100) != 0) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return modes;
    }
}
