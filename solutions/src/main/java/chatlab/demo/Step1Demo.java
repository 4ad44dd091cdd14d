package chatlab.demo;

import chatlab.step1.ChatClient;
import chatlab.step1.ChatServer;
import chatlab.step1.ClientOptions;
import chatlab.step1.ServerOptions;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step 1 reference server and client in one terminal: the server answers automatically
 * (--auto) on a free port, its log indented under "server |"; you type as the client.
 */
public final class Step1Demo {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");

    private Step1Demo() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        PrintStream screen = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        PrintStream serverLog = new PrintStream(new ServerLog(screen, port), true, StandardCharsets.UTF_8);
        ChatServer server = new ChatServer(new ServerOptions("127.0.0.1", 0, true),
                new BufferedReader(new StringReader("")), serverLog);
        Thread serverThread = new Thread(() -> {
            try {
                server.run();
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "demo server");
        serverThread.start();

        screen.println("Step 1 demo: you are the client; the server answers by itself. Type 'exit' to end.");
        new ChatClient(new ClientOptions("127.0.0.1", port.get()),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), screen).run();
        serverThread.join();
    }

    /** Prints the server's lines indented, and notices the port it listens on. */
    private static final class ServerLog extends OutputStream {
        private final PrintStream screen;
        private final CompletableFuture<Integer> port;
        private final StringBuilder line = new StringBuilder();
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        ServerLog(PrintStream screen, CompletableFuture<Integer> port) {
            this.screen = screen;
            this.port = port;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                pending.write(b);
                return;
            }
            line.setLength(0);
            line.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            screen.println("    server | " + line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                port.complete(Integer.parseInt(matcher.group(1)));
            }
        }
    }
}
