package chatlab.grading;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Where a program that will not end is stuck: the threads that run the student's code, each with
 * the top of its stack, for a report that says "your handler is blocked in socketWrite, inside
 * send()" instead of "still running after 5 s". Threads of the kit, of JUnit and of the JVM are
 * left out: only threads with a frame of the student's code (or started by it: pools) are shown.
 */
public final class ThreadDump {
    private static final int MAX_FRAMES = 14;

    private ThreadDump() {
    }

    /** The student's threads in this JVM, or an empty string if none is alive. */
    public static String ofThisJvm() {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            StackTraceElement[] stack = entry.getValue();
            if (thread != Thread.currentThread() && thread.isAlive() && runsStudentCode(stack)) {
                shown.add(describe(thread, stack));
            }
        }
        if (shown.isEmpty()) {
            return "";
        }
        shown.sort(null);
        return "Where the program's threads are now:\n" + String.join("\n", shown) + "\n";
    }

    /**
     * The student's threads in a launched JVM, as it prints them on SIGQUIT (Linux and macOS);
     * empty where that cannot be done.
     */
    static String ofProcess(Process process, Supplier<String> output) {
        if (!process.isAlive() || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return "";
        }
        int before = output.get().length();
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", String.valueOf(process.pid())).start();
            if (!kill.waitFor(2, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                return "";
            }
            Awaitility.await("the thread dump").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> output.get().indexOf("JNI global ref", before) >= 0
                            || output.get().indexOf("Heap\n", before) >= 0);
        } catch (IOException | ConditionTimeoutException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
        String dump = output.get().substring(before);
        List<String> shown = new ArrayList<>();
        for (String block : dump.split("\\R\\s*\\R")) {
            if (block.startsWith("\"") && block.lines().anyMatch(ThreadDump::isStudentFrameLine)) {
                List<String> lines = block.lines().toList();
                String first = lines.get(0);
                StringBuilder one = new StringBuilder("  - ").append(first, 0, Math.max(1, first.indexOf('"', 1) + 1));
                int student = -1;
                for (int i = 1; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.contains("Thread.State")) {
                        one.append("\n      ").append(line);
                    } else if (line.startsWith("at ") && (student < 0 || i <= student + 1) && i < MAX_FRAMES + 2) {
                        one.append("\n      ").append(line);
                        if (student < 0 && isStudentFrameLine(line)) {
                            student = i;
                        }
                    }
                }
                shown.add(one.toString());
            }
        }
        return shown.isEmpty() ? "" : "Where the program's threads were (a thread dump of its own threads):\n"
                + String.join("\n", shown) + "\n";
    }

    private static boolean isStudentFrameLine(String line) {
        String text = line.strip();
        if (!text.startsWith("at ")) {
            return false;
        }
        String frame = text.substring(3);
        int paren = frame.indexOf('(');
        int slash = frame.lastIndexOf('/', paren < 0 ? frame.length() : paren);
        return isStudentClass(slash < 0 ? frame : frame.substring(slash + 1));
    }

    private static boolean runsStudentCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (isStudentClass(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /** The student's (or the reference's) code: chatlab, but neither the kit nor the checks. */
    private static boolean isStudentClass(String name) {
        return name.startsWith("chatlab.") && !name.startsWith("chatlab.grading.") && !name.startsWith("chatlab.kit.")
                && !name.contains("Test");
    }

    private static String describe(Thread thread, StackTraceElement[] stack) {
        StringBuilder out = new StringBuilder("  - \"").append(thread.getName()).append("\" ").append(thread.getState());
        int last = Math.min(stack.length, MAX_FRAMES) - 1;
        for (int i = 0; i < stack.length && i < MAX_FRAMES; i++) {
            if (isStudentClass(stack[i].getClassName())) {
                last = Math.min(last, i + 1);
                break;
            }
        }
        for (int i = 0; i <= last; i++) {
            out.append("\n      at ").append(stack[i]);
        }
        if (last + 1 < stack.length) {
            out.append("\n      ...");
        }
        return out.toString();
    }
}
