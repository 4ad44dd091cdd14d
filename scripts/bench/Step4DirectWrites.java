import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 4 done the obvious way, on purpose, for the lesson on slow readers: a thread per client, and
 * a message is written to every other member's socket directly, from the sender's thread, under
 * the room's lock. It is fast while everyone reads. A member that stops reading lets its buffers
 * fill; then a write to it blocks, holding the lock, and the whole room stops. Compare:
 *   ./chatlab bench --step 4 --clients 10 --messages 300 --message-bytes 4000 --slow 2 --timeout 20 \
 *       --server "java scripts/bench/Step4DirectWrites.java --port 0"
 * Run: java scripts/bench/Step4DirectWrites.java --port 0 [--nodelay]
 */
public class Step4DirectWrites {
    static final Map<String, OutputStream> MEMBERS = new LinkedHashMap<>();
    static int header;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "5555"));
        String host = option(args, "--host", "127.0.0.1");
        header = Integer.parseInt(option(args, "--header-size", "1024"));
        boolean noDelay = java.util.Arrays.asList(args).contains("--nodelay");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(host, port), 1024);
            System.out.println("listening on " + host + ":" + listener.getLocalPort());
            while (true) {
                Socket client = listener.accept();
                client.setTcpNoDelay(noDelay);
                new Thread(() -> serve(client)).start();
            }
        }
    }

    static void serve(Socket client) {
        String name = null;
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            out.write(frame("Welcome to the chat server! What's your name?"));
            while (name == null) {
                String wanted = read(in).strip();
                synchronized (MEMBERS) {
                    if (!MEMBERS.containsKey(wanted)) {
                        name = wanted;
                        out.write(frame("Hello " + name + ", you are now connected!"));
                        toOthers(null, "[SERVER] " + name + " joined the chat.");
                        MEMBERS.put(name, out);
                    }
                }
                if (name == null) {
                    out.write(frame("Name not available: taken"));
                    out.write(frame("Welcome to the chat server! What's your name?"));
                }
            }
            while (true) {
                String message = read(in);
                if (message.strip().equalsIgnoreCase("exit")) {
                    out.write(frame("Goodbye!"));
                    break;
                }
                toOthers(name, "[" + name + "] " + message);
            }
        } catch (IOException | RuntimeException e) {
            // Gone: leaves below.
        } finally {
            if (name != null) {
                synchronized (MEMBERS) {
                    MEMBERS.remove(name);
                    toOthers(null, "[SERVER] " + name + " left the chat.");
                }
            }
        }
    }

    /** The trap: a write per member, from this thread, under the lock. One full socket blocks it. */
    static void toOthers(String from, String line) {
        byte[] frame = frame(line);
        synchronized (MEMBERS) {
            for (Map.Entry<String, OutputStream> member : MEMBERS.entrySet()) {
                if (!member.getKey().equals(from)) {
                    try {
                        member.getValue().write(frame);
                    } catch (IOException e) {
                        // That member is gone; its own thread takes it out.
                    }
                }
            }
        }
    }

    static String read(DataInputStream in) throws IOException {
        byte[] head = new byte[header];
        in.readFully(head);
        byte[] body = new byte[Integer.parseInt(new String(head, StandardCharsets.US_ASCII).strip())];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    static byte[] frame(String message) {
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
