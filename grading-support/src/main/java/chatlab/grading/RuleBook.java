package chatlab.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's numbered rules, read from its {@code RULES.md} (copied onto the graders' class path):
 * one table row per rule, {@code | R4 | what must hold |} ({@code \|} for a bar inside the text).
 */
public final class RuleBook {
    /** Where the build puts the step's RULES.md among the graders' resources. */
    public static final String RESOURCE = "chatlab/rules/RULES.md";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(R\\d+)\\s*\\|\\s*((?:\\\\\\||[^|])+?)\\s*\\|");

    private final Map<String, String> rules;

    private RuleBook(Map<String, String> rules) {
        this.rules = rules;
    }

    /** Parses the rows of a RULES.md; the rest of the file (title, prose) is for people. */
    public static RuleBook parse(String markdown) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (String line : markdown.split("\\R")) {
            Matcher row = ROW.matcher(line);
            if (row.find() && rules.put(row.group(1), row.group(2).replace("\\|", "|")) != null) {
                throw new IllegalArgumentException("RULES.md numbers two rules " + row.group(1));
            }
        }
        return new RuleBook(Collections.unmodifiableMap(rules));
    }

    /** The rule book on a class loader's path, or an empty one where there is none. */
    public static RuleBook of(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? new RuleBook(Map.of()) : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rule number to rule, in the file's order. */
    public Map<String, String> rules() {
        return rules;
    }

    /** The rules a check enforces: its own {@link Enforces}, then its class's and enclosing classes'. */
    public static Set<String> enforcedBy(Method check) {
        Set<String> ids = new LinkedHashSet<>();
        add(ids, check.getAnnotation(Enforces.class));
        for (Class<?> type = check.getDeclaringClass(); type != null; type = type.getEnclosingClass()) {
            add(ids, type.getAnnotation(Enforces.class));
        }
        return ids;
    }

    /** "Rule R4: a header holds ..." lines for a failure report; unknown numbers are shown as such. */
    public String describe(Set<String> ids) {
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            lines.add("Rule " + id + ": " + rules.getOrDefault(id, "(not in RULES.md)"));
        }
        return String.join("\n", lines);
    }

    private static void add(Set<String> ids, Enforces enforces) {
        if (enforces != null) {
            Collections.addAll(ids, enforces.value());
        }
    }
}
