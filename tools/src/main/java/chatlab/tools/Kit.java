package chatlab.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/** The instructor's copy of the kit: its steps, their pristine graders, and copies of it to grade in. */
final class Kit {
    private static final Pattern STEP_FOLDER = Pattern.compile("step(\\d+)-[a-z0-9-]+");

    /** A step's module: its number and its folder's name (step1-one-to-one). */
    record Step(int number, String folder) {
        Path sources(Path root) {
            return root.resolve(folder).resolve("src/main/java");
        }

        @Override
        public String toString() {
            return "step " + number;
        }
    }

    private final Path root;

    Kit(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.root.resolve("pom.xml")) || steps().isEmpty()) {
            throw new IllegalArgumentException(this.root + " is not a Chat Lab kit (no pom.xml and step folders)");
        }
    }

    /** The kit the launcher runs from (system property chatlab.kit), else the current folder. */
    static Kit here() {
        return new Kit(Path.of(System.getProperty("chatlab.kit", ".")));
    }

    Path root() {
        return root;
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).forEach(dir -> {
                Matcher name = STEP_FOLDER.matcher(dir.getFileName().toString());
                if (name.matches() && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    steps.add(new Step(Integer.parseInt(name.group(1)), dir.getFileName().toString()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        steps.sort(Comparator.comparingInt(Step::number));
        return steps;
    }

    /** The number of checks of each task of a step, as its pom declares them (grading.checks). */
    Map<Integer, Integer> declaredChecks(Step step) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(root.resolve(step.folder()).resolve("pom.xml").toFile())
                    .getElementsByTagName("grading.checks");
            if (nodes.getLength() > 0) {
                String[] each = nodes.item(0).getTextContent().strip().split(",");
                for (int i = 0; i < each.length; i++) {
                    counts.put(i + 1, Integer.parseInt(each[i].strip()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the checks of " + step + " from its pom.xml: " + e, e);
        }
        return counts;
    }

    /**
     * Copies the kit into an empty folder: the files git tracks (or, outside a git checkout,
     * everything but build output and git's own folder).
     */
    void copyTo(Path target) throws IOException {
        for (Path file : files()) {
            Path to = target.resolve(root.relativize(file).toString());
            Files.createDirectories(to.getParent());
            Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** The kit's files: what git tracks, or (outside a checkout) all but build output. */
    List<Path> files() throws IOException {
        if (Files.isDirectory(root.resolve(".git"))) {
            List<String> listed = Processes.output(root, "git", "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard");
            List<Path> files = new ArrayList<>();
            for (String name : String.join("\n", listed).split("\0")) {
                Path file = root.resolve(name.strip());
                if (!name.isBlank() && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(file -> {
                Path relative = root.relativize(file);
                for (Path part : relative) {
                    if (part.toString().equals("target") || part.toString().equals(".git")) {
                        return false;
                    }
                }
                return true;
            }).toList();
        }
    }
}
