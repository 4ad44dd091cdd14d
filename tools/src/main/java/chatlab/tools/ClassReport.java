package chatlab.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** A class's graded results put together: per student, and per check across students. */
final class ClassReport {
    /** How many of the most-failed checks the chart shows. */
    static final int CHART_CHECKS = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Student(String name, int score, int maxScore) {
    }

    /** One check across the class: how many failed it, and why, by how often each reason came. */
    static final class Check {
        final String name;
        final int maxScore;
        int failed;
        final Map<String, Integer> reasons = new LinkedHashMap<>();

        Check(String name, int maxScore) {
            this.name = name;
            this.maxScore = maxScore;
        }

        String topReason() {
            return reasons.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse("");
        }
    }

    private final List<Student> students = new ArrayList<>();
    private final Map<String, Check> checks = new LinkedHashMap<>();

    /** Reads every results.json in the given folders (or the files themselves). */
    static ClassReport read(List<Path> places) throws IOException {
        ClassReport report = new ClassReport();
        List<Path> files = new ArrayList<>();
        for (Path place : places) {
            if (Files.isRegularFile(place)) {
                files.add(place);
            } else if (Files.isDirectory(place)) {
                try (Stream<Path> walk = Files.walk(place)) {
                    walk.filter(file -> file.getFileName().toString().equals("results.json")).sorted().forEach(files::add);
                }
            } else {
                throw new IOException("no such results folder or file: " + place);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no results.json in " + places + ": give the folders chatlab grade wrote");
        }
        for (Path file : files) {
            report.add(file);
        }
        report.students.sort(Comparator.comparing(Student::name));
        return report;
    }

    private void add(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        String name = root.path("extra_data").path("student").asText(file.toAbsolutePath().getParent().getFileName().toString());
        int max = 0;
        for (JsonNode test : root.path("tests")) {
            int testMax = test.path("max_score").asInt();
            max += testMax;
            Check check = checks.computeIfAbsent(test.path("name").asText(), n -> new Check(n, testMax));
            if (!"passed".equals(test.path("status").asText())) {
                check.failed++;
                String reason = test.path("output").asText("").lines().findFirst().orElse("(no reason)").strip();
                check.reasons.merge(reason, 1, Integer::sum);
            }
        }
        students.add(new Student(name, root.path("score").asInt(), max));
    }

    List<Student> students() {
        return students;
    }

    List<Check> checks() {
        return List.copyOf(checks.values());
    }

    void writeStudentsCsv(Path file) throws IOException {
        CsvSchema schema = CsvSchema.builder().setUseHeader(true).addColumn("student").addColumn("score")
                .addColumn("max").build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Student student : students) {
            rows.add(Map.of("student", student.name(), "score", student.score(), "max", student.maxScore()));
        }
        new CsvMapper().writer(schema).writeValues(file.toFile()).writeAll(rows).close();
    }

    void writeChecksCsv(Path file) throws IOException {
        CsvSchema schema = CsvSchema.builder().setUseHeader(true).addColumn("check").addColumn("points")
                .addColumn("failed").addColumn("students").addColumn("most frequent reason").build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Check check : checks.values()) {
            rows.add(Map.of("check", check.name, "points", check.maxScore, "failed", check.failed, "students",
                    students.size(), "most frequent reason", check.topReason()));
        }
        new CsvMapper().writer(schema).writeValues(file.toFile()).writeAll(rows).close();
    }

    /** One self-contained page: inline CSS and SVG, nothing fetched. */
    void writeHtml(Path file) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chat Lab: class report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
                        + "margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
                        + "td.n{text-align:right}svg text{font-size:12px}</style></head><body>\n")
                .append("<h1>Chat Lab: class report</h1>\n<p>").append(students.size()).append(" student(s), ")
                .append(checks.size()).append(" checks.</p>\n");
        html.append("<h2>Checks failed most</h2>\n").append(chart());
        html.append("<h2>Students</h2>\n<table><tr><th>student</th><th>points</th><th>of</th><th>%</th></tr>\n");
        for (Student student : students) {
            html.append("<tr><td>").append(escape(student.name())).append("</td><td class=n>").append(student.score())
                    .append("</td><td class=n>").append(student.maxScore()).append("</td><td class=n>")
                    .append(percent(student.score(), student.maxScore())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Checks</h2>\n<table><tr><th>check</th><th>points</th><th>failed</th>"
                + "<th>most frequent reason</th></tr>\n");
        for (Check check : checks.values()) {
            html.append("<tr><td>").append(escape(check.name)).append("</td><td class=n>").append(check.maxScore)
                    .append("</td><td class=n>").append(check.failed).append(" of ").append(students.size())
                    .append("</td><td>").append(escape(check.topReason())).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** Horizontal bars: for each of the most-failed checks, the share of students who failed it. */
    private String chart() {
        List<Check> failed = checks.values().stream().filter(check -> check.failed > 0)
                .sorted(Comparator.comparingInt((Check check) -> -check.failed)).limit(CHART_CHECKS).toList();
        if (failed.isEmpty()) {
            return "<p>Every student passed every check.</p>\n";
        }
        int label = 420;
        int width = 300;
        int row = 22;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
                        + "aria-label=\"Checks failed most\">\n", label + width + 80, failed.size() * row + 10));
        for (int i = 0; i < failed.size(); i++) {
            Check check = failed.get(i);
            int y = i * row + 5;
            int bar = Math.max(1, Math.round(width * (float) check.failed / students.size()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#c0392b\"><title>%s</title></rect>"
                            + "<text x=\"%d\" y=\"%d\">%d of %d</text>\n",
                    label - 6, y + 14, escape(shorten(check.name, 60)), label, y + 2, bar, row - 6,
                    escape(check.name), label + bar + 6, y + 14, check.failed, students.size()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String percent(int score, int max) {
        return max == 0 ? "-" : String.format(Locale.ROOT, "%.0f", 100.0 * score / max);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
