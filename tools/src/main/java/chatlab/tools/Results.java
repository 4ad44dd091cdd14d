package chatlab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What grading writes: Gradescope's results.json, JUnit XML, and a CSV of points per task. */
final class Results {
    /** The most of a failure report one test's output carries in results.json (Gradescope shows it). */
    static final int MAX_OUTPUT_CHARS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {
    }

    /** Gradescope's format: per test name, score, max_score, status, output, visibility; score and execution_time. */
    static void writeGradescope(Grader.Graded graded, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", graded.score());
        root.put("execution_time", Math.max(1, Math.round(graded.millis() / 1000.0)));
        root.put("output", graded.submission().student() + ": " + graded.score() + " of " + graded.maxScore()
                + " points. " + firstProblem(graded.checks()));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        // Gradescope keeps extra_data as it is: whose results these are, for chatlab report.
        root.putObject("extra_data").put("student", graded.submission().student());
        ArrayNode tests = root.putArray("tests");
        for (CheckResult check : graded.checks()) {
            ObjectNode test = tests.addObject();
            test.put("name", name(check));
            test.put("score", check.earned());
            test.put("max_score", check.points());
            test.put("status", check.passed() ? "passed" : "failed");
            if (!check.passed()) {
                test.put("output", cut(check.reason() + (check.report() == null || check.report().isBlank() ? ""
                        : "\n\n" + check.report()), MAX_OUTPUT_CHARS));
            }
            test.put("visibility", "visible");
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** JUnit XML: a suite per step, a test case per check, each failure with its reason and report. */
    static void writeJUnit(Grader.Graded graded, Path file) throws IOException {
        Map<Integer, List<CheckResult>> bySteps = new LinkedHashMap<>();
        graded.checks().forEach(check -> bySteps.computeIfAbsent(check.step(), k -> new ArrayList<>()).add(check));
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", graded.submission().student());
            for (Map.Entry<Integer, List<CheckResult>> step : bySteps.entrySet()) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "step " + step.getKey());
                xml.writeAttribute("tests", String.valueOf(step.getValue().size()));
                xml.writeAttribute("failures", String.valueOf(step.getValue().stream().filter(c -> !c.passed()).count()));
                for (CheckResult check : step.getValue()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", "step" + check.step() + ".task" + check.task());
                    xml.writeAttribute("name", xmlSafe(check.check()));
                    if (!check.passed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", xmlSafe(check.reason() == null ? "" : check.reason()));
                        xml.writeCharacters(xmlSafe(check.report() == null ? "" : check.report()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** One row per student: points per task ("step 1 task 2"), then the total and the maximum. */
    static void writeSummaryCsv(List<Grader.Graded> all, Path file) throws IOException {
        List<String> columns = new ArrayList<>(List.of("student"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Grader.Graded graded : all) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("student", graded.submission().student());
            for (CheckResult check : graded.checks()) {
                String column = "step " + check.step() + " task " + check.task();
                if (!columns.contains(column)) {
                    columns.add(column);
                }
                row.merge(column, check.earned(), (a, b) -> (Integer) a + (Integer) b);
            }
            row.put("total", graded.score());
            row.put("max", graded.maxScore());
            rows.add(row);
        }
        columns.addAll(List.of("total", "max"));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        new CsvMapper().writer(schema.build()).writeValues(file.toFile()).writeAll(rows).close();
    }

    static String name(CheckResult check) {
        return String.format(Locale.ROOT, "Step %d, Task %d (%s) > %s", check.step(), check.task(), check.taskTitle(),
                check.check());
    }

    private static String firstProblem(List<CheckResult> checks) {
        return checks.stream().filter(check -> !check.passed()).findFirst()
                .map(check -> "First check to fix: " + name(check) + ": " + check.reason())
                .orElse("Every check passes.");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n... (cut: " + (text.length() - max)
                + " more characters)";
    }

    /** XML 1.0 cannot hold most control characters, even escaped: a report may quote them from a program. */
    private static String xmlSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(c == '\t' || c == '\n' || c == '\r'
                || c >= 0x20 && c < 0xD800 || c > 0xDFFF && c != 0xFFFE && c != 0xFFFF ? c : '?'));
        return safe.toString();
    }
}
