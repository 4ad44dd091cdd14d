package chatlab.grading;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/**
 * A console for a program under test: the lines a check types come out of {@link #input()}, and
 * everything the program prints to {@link #output()} is kept for the check to read.
 */
public final class ScriptedConsole implements AutoCloseable {
    private final String name;
    private final Transcript transcript;
    private final TypedLines typed = new TypedLines();
    private final BufferedReader input = new BufferedReader(typed);
    private final Capture capture = new Capture();
    private final PrinterLineUp output = new PrinterLineUp(capture);

    ScriptedConsole(String name, Transcript transcript) {
        this.name = name;
        this.transcript = transcript;
    }

    public String name() {
        return name;
    }

    /** What the program reads as its keyboard. */
    public BufferedReader input() {
        return input;
    }

    /** Where the program prints. */
    public PrintStream output() {
        return output;
    }

    /** Types lines, each followed by Enter. The program reads them whenever it asks. */
    public void type(String... lines) {
        for (String line : lines) {
            transcript.typed(name, line);
            typed.append(line + "\n");
        }
    }

    /** Ends the input, as Ctrl-D does: after the typed lines, readLine() returns null. */
    public void endInput() {
        if (typed.end()) {
            transcript.note("end of input (Ctrl-D) at " + name);
        }
    }

    /**
     * Lines the program's printing threads up until the returned handle is closed: each print waits
     * until {@code parties} threads are waiting to print (or, at the first line where fewer come, for good after a couple of seconds), then all go
     * on together. A check uses it to make many threads act at the same instant, so that a race
     * between them shows in every run.
     */
    public AutoCloseable lineUpPrinters(int parties) {
        return output.arm(parties, Timeouts.REPLY.dividedBy(2));
    }

    /** Everything printed so far. */
    public String printed() {
        return capture.text();
    }

    /** How many bytes have been printed so far: a cheap sign of progress, without copying them. */
    public int printedBytes() {
        return capture.size();
    }

    public List<String> printedLines() {
        return printed().lines().toList();
    }

    /**
     * Whether the first line that contains the text is followed by an empty line: the sign of a
     * message printed with its own line break still on it.
     */
    public boolean blankLineAfter(String text) {
        List<String> lines = printedLines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1 < lines.size() && lines.get(i + 1).isBlank();
            }
        }
        return false;
    }

    /** The port of the first "listening on HOST:PORT" line, if one was printed. */
    public OptionalInt listeningPort() {
        return ListeningLine.port(printed());
    }

    @Override
    public void close() {
        typed.end();
    }

    /** Lines typed so far, handed out as a Reader; blocks until there is more or input has ended. */
    private static final class TypedLines extends Reader {
        private final StringBuilder pending = new StringBuilder();
        private boolean ended;

        synchronized void append(String text) {
            if (ended) {
                throw new IllegalStateException("input has already ended; type lines before endInput()");
            }
            pending.append(text);
            notifyAll();
        }

        synchronized boolean end() {
            boolean wasOpen = !ended;
            ended = true;
            notifyAll();
            return wasOpen;
        }

        @Override
        public synchronized int read(char[] buffer, int offset, int length) throws IOException {
            while (pending.length() == 0 && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the console");
                }
            }
            if (pending.length() == 0) {
                return -1;
            }
            int count = Math.min(length, pending.length());
            pending.getChars(0, count, buffer, offset);
            pending.delete(0, count);
            return count;
        }

        @Override
        public void close() {
            end();
        }
    }

    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) {
            bytes.write(data, offset, length);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized int size() {
            return bytes.size();
        }
    }
}
