import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Step 2 done wrong, on purpose, for the lesson on Nagle's algorithm: Step2Baseline, except that
 * each answer goes out as two writes, the header and then the body. The first write leaves at
 * once; the second waits (Nagle) until the first is acknowledged, and the client delays that
 * acknowledgement (delayed ACK, ~40 ms on Linux) since it has nothing to send until it has the
 * body. --nodelay sets TCP_NODELAY, which lets the second write leave at once too.
 * Run: java scripts/bench/TwoWritesServer.java --port 0 [--nodelay]
 */
public class TwoWritesServer {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "12360"));
        String host = option(args, "--host", "127.0.0.1");
        int header = Integer.parseInt(option(args, "--header-size", "1024"));
        boolean noDelay = java.util.Arrays.asList(args).contains("--nodelay");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(host, port));
            System.out.println("listening on " + host + ":" + listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
                    client.setTcpNoDelay(noDelay);
                    serve(client, header);
                } catch (IOException e) {
                    // That client is gone: the next one.
                }
            }
        }
    }

    static void serve(Socket client, int header) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        byte[] head = new byte[header];
        while (true) {
            try {
                in.readFully(head);
            } catch (EOFException e) {
                return;
            }
            byte[] body = new byte[Integer.parseInt(new String(head, StandardCharsets.US_ASCII).strip())];
            in.readFully(body);
            String message = new String(body, StandardCharsets.UTF_8).strip();
            boolean exit = message.equalsIgnoreCase("exit") || message.equals("!DISCONNECT!");
            byte[] answer = (exit ? "Goodbye!" : "Message received by server").getBytes(StandardCharsets.UTF_8);
            out.write(String.format("%-" + header + "d", answer.length).getBytes(StandardCharsets.US_ASCII));
            out.write(answer); // the second small write: it waits for the first one's ACK
            if (exit) {
                return;
            }
        }
    }

    static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }
}
