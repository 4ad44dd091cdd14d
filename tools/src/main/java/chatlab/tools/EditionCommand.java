package chatlab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chatlab edition --steps 1-2 --out DIR}: a student kit of some steps, with nothing that answers them. */
@Command(name = "edition", mixinStandardHelpOptions = true,
        description = {"Writes a standalone student kit of the chosen steps: their starters, graders and lessons, "
                + "the given code they need and nothing more (no reference solutions, no kit check, no later "
                + "step's given code, which holds earlier answers), a students' README, a GitHub Classroom "
                + "workflow that grades on push, and a fresh git repository with one commit."})
final class EditionCommand implements Callable<Integer> {
    /** Given code that only later steps use, and that answers an earlier one: left out below that step. */
    static final Map<String, Integer> GIVEN_FROM_STEP = Map.of(
            "common/src/main/java/chatlab/common/Framing.java", 3);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    @Option(names = "--steps", required = true, paramLabel = "N-M", description = "The steps of this edition, e.g. 1-2.")
    String steps;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "An empty or new folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        int[] range = GradeCommand.range(steps);
        Kit kit = Kit.here();
        List<Kit.Step> chosen = kit.steps().stream()
                .filter(step -> step.number() >= range[0] && step.number() <= range[1]).toList();
        if (chosen.isEmpty() || range[0] != 1) {
            throw new IllegalArgumentException("an edition holds steps 1 to N of this kit (e.g. --steps 1-2), not "
                    + steps);
        }
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.isDirectory(out) ? Files.list(out) : Stream.of(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty: give a new or empty folder");
                }
            }
        }
        int last = chosen.get(chosen.size() - 1).number();
        Files.createDirectories(out);
        for (Path file : kit.files()) {
            String name = kit.root().relativize(file).toString().replace('\\', '/');
            if (belongs(name, chosen, last)) {
                Path to = out.resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.writeString(out.resolve("pom.xml"), rootPom(Files.readString(kit.root().resolve("pom.xml")), chosen));
        filterVsCode(kit, chosen);
        Files.writeString(out.resolve("README.md"), readme(chosen), StandardCharsets.UTF_8);
        Classroom.write(out, chosen, new Catalogue(kit, Duration.ofMinutes(10)));
        unlinkMissing();
        gitInit();
        System.out.println("Student edition of steps " + range[0] + "-" + last + " in " + out.toAbsolutePath()
                + ": push it to a template repository for GitHub Classroom, or hand out the folder.");
        return 0;
    }

    /** Whether a file of the kit goes into the edition of these steps. */
    static boolean belongs(String name, List<Kit.Step> chosen, int last) {
        if (name.equals("README.md") || name.equals("pom.xml") || name.equals(".vscode/launch.json")) {
            return false; // written anew for the edition
        }
        if (name.startsWith("grading-support/src/test/") || name.startsWith("tools/src/test/")) {
            return false; // the kit's own tests of its grading support and tools: maintainers' material
        }
        Integer from = GIVEN_FROM_STEP.get(name);
        if (from != null) {
            return last >= from;
        }
        // The tools go too: students probe and bench their own servers with ./chatlab.
        for (String root : List.of("mvnw", "mvnw.cmd", ".mvn/", ".gitattributes", ".gitignore", "PROTOCOL.md",
                "common/", "grading-support/", "chatlab", "chatlab.cmd", "tools/")) {
            if (name.equals(root) || root.endsWith("/") && name.startsWith(root)) {
                return true;
            }
        }
        if (name.startsWith(".run/")) {
            // IntelliJ's run configurations of these steps; the reference solutions' are not here.
            return !name.contains("reference") && chosen.stream().anyMatch(step -> name.startsWith(".run/Step "
                    + step.number() + " "));
        }
        return chosen.stream().anyMatch(step -> name.startsWith(step.folder() + "/"));
    }

    /** The kit's root pom with only the edition's modules, and no kit check. */
    static String rootPom(String pom, List<Kit.Step> chosen) {
        StringBuilder modules = new StringBuilder("<modules>\n    <module>common</module>\n    <module>grading-support</module>\n");
        chosen.forEach(step -> modules.append("    <module>").append(step.folder()).append("</module>\n"));
        modules.append("    <module>tools</module>\n  </modules>");
        String edited = pom.replaceFirst("(?s)<modules>.*?</modules>", Matcher.quoteReplacement(modules.toString()));
        return edited.replaceFirst("(?s)\\s*<profiles>.*</profiles>", "");
    }

    private void filterVsCode(Kit kit, List<Kit.Step> chosen) throws IOException {
        Path kitLaunch = kit.root().resolve(".vscode/launch.json");
        if (!Files.exists(kitLaunch)) {
            return;
        }
        ObjectNode launch = (ObjectNode) JSON.readTree(kitLaunch.toFile());
        ArrayNode kept = JSON.createArrayNode();
        launch.withArray("configurations").forEach(configuration -> {
            String project = configuration.path("projectName").asText();
            if (chosen.stream().anyMatch(step -> step.folder().equals(project))) {
                kept.add(configuration);
            }
        });
        launch.set("configurations", kept);
        Files.createDirectories(out.resolve(".vscode"));
        JSON.writeValue(out.resolve(".vscode/launch.json").toFile(), launch);
    }

    /** The students' README: the two commands first, then the steps. */
    private static String readme(List<Kit.Step> chosen) {
        Kit.Step first = chosen.get(0);
        StringBuilder text = new StringBuilder("# Chat Lab\n\nYou build a chat over sockets, step by step. Grade a step in its folder, "
                + "and hand in by pushing:\n\n```sh\ncd " + first.folder() + " && ../mvnw test        # Windows: ..\\mvnw.cmd test\n"
                + "git commit -am \"step " + first.number() + "\" && git push   # graded again on GitHub\n```\n\n"
                + "You need a JDK 17 or newer; `./mvnw` fetches Maven on first use. Each run ends with a summary: "
                + "checks passed per task, points, and the first check to fix with its reason.\n\n"
                + "| step | folder | lesson | rules |\n|---|---|---|---|\n");
        for (Kit.Step step : chosen) {
            text.append("| ").append(step.number()).append(" | `").append(step.folder()).append("` | [README](")
                    .append(step.folder()).append("/README.md) | [RULES](").append(step.folder()).append("/RULES.md) |\n");
        }
        text.append("\nEvery method you write throws `UnsupportedOperationException(\"TODO(step N): …\")` until you do. "
                + "[PROTOCOL.md](PROTOCOL.md) has every step's wire protocol on one page. Edit only each step's "
                + "`src/main/java`: your work is graded on the course's own copy of the graders.\n\n"
                + "See the bytes and the speed of your own server (Windows: `chatlab.cmd`; `--help` shows examples):\n\n"
                + "```sh\n./chatlab probe --port 12360 --frame hello --half-close   # what comes back, byte by byte\n"
                + "./chatlab bench --step 3 --port 12360 --clients 10 --messages 2000   # throughput and latency\n```\n");
        return text.toString();
    }

    /** A link to a file this edition does not hold becomes its plain text: no text points at nothing. */
    private void unlinkMissing() throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(path -> path.toString().endsWith(".md")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher link = LINK.matcher(text);
                StringBuilder fixed = new StringBuilder();
                while (link.find()) {
                    String target = link.group(2);
                    boolean local = !target.contains(":");
                    boolean missing = local && !Files.exists(file.getParent().resolve(target).normalize());
                    link.appendReplacement(fixed, Matcher.quoteReplacement(missing ? link.group(1) : link.group()));
                }
                link.appendTail(fixed);
                Files.writeString(file, fixed.toString(), StandardCharsets.UTF_8);
            }
        }
    }

    private void gitInit() throws IOException {
        Processes.output(out, "git", "init", "--quiet", "--initial-branch=main");
        Processes.output(out, "git", "add", "--all");
        List<String> identity = new ArrayList<>();
        if (!configured("user.name") || !configured("user.email")) {
            identity = List.of("-c", "user.name=Chat Lab", "-c", "user.email=chatlab@localhost");
        }
        List<String> commit = new ArrayList<>(List.of("git"));
        commit.addAll(identity);
        commit.addAll(List.of("commit", "--quiet", "-m", "Chat Lab: steps " + steps));
        Processes.output(out, commit.toArray(String[]::new));
    }

    private boolean configured(String key) {
        try {
            return !String.join("", Processes.output(out, "git", "config", key)).isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
