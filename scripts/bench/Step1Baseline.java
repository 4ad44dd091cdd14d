import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The plainest step 1 server, for scripts/bench.sh: one client, one read per message, the answer
 * "Message received" ("Goodbye!" to exit), then the program ends. It logs nothing but the
 * listening line. Run: java scripts/bench/Step1Baseline.java --port 0
 */
public class Step1Baseline {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(option(args, "--port", "65432"));
        String host = option(args, "--host", "127.0.0.1");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(host, port));
            System.out.println("listening on " + host + ":" + listener.getLocalPort());
            try (Socket client = listener.accept()) {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] buffer = new byte[1024];
                for (int count = in.read(buffer); count > 0; count = in.read(buffer)) {
                    String message = new String(buffer, 0, count, StandardCharsets.UTF_8).strip();
                    boolean exit = message.equalsIgnoreCase("exit");
                    out.write((exit ? "Goodbye!" : "Message received").getBytes(StandardCharsets.UTF_8));
                    if (exit) {
                        return;
                    }
                }
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
