package chatlab.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A student's {@code main} launched as its own process, as a user would run it: same class path as
 * the checks, its keyboard scripted, its output (stdout and stderr) kept for the check to read.
 */
public final class JavaProgram implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Transcript transcript;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    JavaProgram(String name, Class<?> mainClass, List<String> args, Transcript transcript) throws IOException {
        this.name = name;
        this.transcript = transcript;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Its console is UTF-8 like the graders' keyboard; its locale is the graders' (Turkish casing, digits not 0-9).
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Duser.language=tr");
        command.add("-Duser.country=TR");
        command.add("-Duser.extensions=u-nu-arab");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        transcript.note("started " + name + ": java " + mainClass.getSimpleName() + " " + String.join(" ", args));
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = new Thread(this::pumpOutput, "output of " + name);
        pump.setDaemon(true);
        pump.start();
    }

    public String name() {
        return name;
    }

    /** Types a line at the program's keyboard. */
    public void type(String line) {
        transcript.typed(name, line);
        try {
            OutputStream keyboard = process.getOutputStream();
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new AssertionError("Could not type " + Bytes.quote(line) + " at " + name
                    + ": it has stopped reading its input (" + e.getMessage() + ").", e);
        }
    }

    /** Ends the program's input, as Ctrl-D does. */
    public void endInput() {
        transcript.note("end of input (Ctrl-D) at " + name);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // It has already stopped reading: its input has ended either way.
        }
    }

    /** Asks the program to stop, as Ctrl-C or a service manager does (SIGTERM on Linux and macOS). */
    public void terminate() {
        transcript.note("sent SIGTERM to " + name);
        process.destroy();
    }

    public String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many bytes it has printed so far: a cheap sign of progress, without copying them. */
    public int outputBytes() {
        synchronized (output) {
            return output.size();
        }
    }

    /** The process, for the tests that limit what it may have (threads, files). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OptionalInt listeningPort() {
        return ListeningLine.port(output());
    }

    /** Waits (bounded) for the program to end on its own, and returns its exit code. */
    public int awaitExit(String why) {
        try {
            if (process.waitFor(Timeouts.PROGRAM.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(name + " was still running after " + Timeouts.describe(Timeouts.PROGRAM)
                + "; it should have ended: " + why + "\n" + threadDump());
    }

    /**
     * Where the program's own threads are now (a thread dump of them, on Linux and macOS), for a
     * report on a program that will not end; empty where that cannot be had.
     */
    public String threadDump() {
        return ThreadDump.ofProcess(process, this::output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void pumpOutput() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int count; (count = in.read(buffer)) != -1; ) {
                synchronized (output) {
                    output.write(buffer, 0, count);
                }
            }
        } catch (IOException ignored) {
            // The process is gone; what it printed so far is kept.
        }
    }
}
