import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The plainest step 2 server, for scripts/bench.sh: framed messages (a header of --header-size
 * bytes, default 1024, holding the body's length), one client after another, "Message received by
 * server" to each message, "Goodbye!" to exit. Header and body go out in one write. It logs
 * nothing but the listening line. Run: java scripts/bench/Step2Baseline.java --port 0
 */
public class Step2Baseline {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "12360"));
        String host = option(args, "--host", "127.0.0.1");
        int header = Integer.parseInt(option(args, "--header-size", "1024"));
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(host, port));
            System.out.println("listening on " + host + ":" + listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
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
            out.write(frame(exit ? "Goodbye!" : "Message received by server", header));
            if (exit) {
                return;
            }
        }
    }

    static byte[] frame(String message, int header) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[header + body.length];
        byte[] length = String.format("%-" + header + "d", body.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(length, 0, frame, 0, header);
        System.arraycopy(body, 0, frame, header, body.length);
        return frame;
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
