package chatlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shared IDE run configurations (IntelliJ's .run/, VS Code's .vscode/launch.json) start
 * programs that exist, from modules that exist: a renamed class or module would break Run ▶.
 */
class IdeConfigurationsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern INTELLIJ = Pattern.compile(
            "name=\"MAIN_CLASS_NAME\" value=\"([\\w.]+)\"|<module name=\"([\\w-]+)\"|name=\"PACKAGE_NAME\" value=\"([\\w.]+)\"");
    private static final Pattern VSCODE = Pattern.compile("\"(mainClass|projectName)\": \"([\\w.-]+)\"");

    @Test
    void every_intellij_configuration_names_a_module_and_a_class_or_package_that_exist() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(ROOT.resolve(".run"))) {
            files = listed.filter(file -> file.toString().endsWith(".run.xml")).sorted().toList();
        }
        assertThat(files).as("IntelliJ run configurations in .run/").hasSizeGreaterThanOrEqualTo(20);
        for (Path file : files) {
            String module = null;
            String target = null;
            boolean isPackage = false;
            Matcher matcher = INTELLIJ.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                if (matcher.group(2) != null) {
                    module = matcher.group(2);
                } else {
                    isPackage = matcher.group(3) != null;
                    target = isPackage ? matcher.group(3) : matcher.group(1);
                }
            }
            assertThat(module).as("module of %s", file.getFileName()).isNotNull();
            assertThat(target).as("class or package of %s", file.getFileName()).isNotNull();
            assertExists(file.getFileName().toString(), module, target, isPackage);
        }
    }

    @Test
    void every_vscode_configuration_names_a_project_and_a_class_that_exist() throws IOException {
        Matcher matcher = VSCODE.matcher(Files.readString(ROOT.resolve(".vscode/launch.json"), StandardCharsets.UTF_8));
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(2));
        }
        assertThat(values).as("mainClass and projectName pairs in launch.json").hasSizeGreaterThanOrEqualTo(32);
        for (int i = 0; i + 1 < values.size(); i += 2) {
            assertExists("launch.json", values.get(i + 1), values.get(i), false);
        }
    }

    /** A class in the module's sources, or (for the solutions, which run on the steps' given code) a step's. */
    private static void assertExists(String where, String module, String target, boolean isPackage) {
        String path = target.replace('.', '/');
        List<String> modules = new ArrayList<>(List.of(module));
        if (module.equals("solutions")) {
            modules.addAll(List.of("step1-one-to-one", "step2-framed", "step3-multithreaded", "step4-broadcast"));
        }
        boolean found = modules.stream().map(ROOT::resolve).anyMatch(folder -> isPackage
                ? Files.isDirectory(folder.resolve("src/test/java").resolve(path))
                : Files.isRegularFile(folder.resolve("src/main/java").resolve(path + ".java")));
        assertThat(Files.isDirectory(ROOT.resolve(module))).as("%s: module %s", where, module).isTrue();
        assertThat(found).as("%s: %s %s in module %s", where, isPackage ? "package" : "class", target, module).isTrue();
    }
}
