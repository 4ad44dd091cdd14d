package chatlab.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatlab report RESULTS... --out report.html}: a class's results on one page, and as CSV. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Puts graded results (folders written by chatlab grade, searched for results.json) on one "
                + "self-contained HTML page: each student's total; for each check, how many failed it and their "
                + "most frequent reason; a chart of the checks failed most.",
                "Also writes the same tables as CSV beside the page: NAME-students.csv and NAME-checks.csv."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Folders of results (or results.json files).")
    List<Path> results;

    @Option(names = "--out", required = true, paramLabel = "report.html", description = "The page to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ClassReport report = ClassReport.read(results);
        Path page = out.toAbsolutePath();
        if (page.getParent() != null) {
            Files.createDirectories(page.getParent());
        }
        String base = page.getFileName().toString().replaceFirst("\\.html?$", "");
        report.writeHtml(page);
        report.writeStudentsCsv(page.resolveSibling(base + "-students.csv"));
        report.writeChecksCsv(page.resolveSibling(base + "-checks.csv"));
        System.out.println("Report of " + report.students().size() + " student(s) in " + page + " (and "
                + base + "-students.csv, " + base + "-checks.csv)");
        return 0;
    }
}
