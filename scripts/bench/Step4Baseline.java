import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plainest step 4 server, for scripts/bench.sh: a chat room on step 2's frames. A thread per
 * client reads; each client has a bounded queue of frames written by a thread of its own, and a
 * client whose queue is full is disconnected (so one that stops reading never stalls the others).
 * No name checks beyond "not taken", no sanitizing, no shutdown; it logs nothing but the listening
 * line. --nodelay sets TCP_NODELAY on every connection: back-to-back frames to one member then
 * leave at once instead of waiting (Nagle) for the acknowledgement of the one before.
 * Run: java scripts/bench/Step4Baseline.java --port 0 [--nodelay]
 */
public class Step4Baseline {
    static final int QUEUE_FRAMES = 1000;
    static final Map<String, Member> MEMBERS = new ConcurrentHashMap<>();
    static int header;
    static boolean noDelay;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "5555"));
        String host = option(args, "--host", "127.0.0.1");
        header = Integer.parseInt(option(args, "--header-size", "1024"));
        noDelay = java.util.Arrays.asList(args).contains("--nodelay");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(host, port), 1024);
            System.out.println("listening on " + host + ":" + listener.getLocalPort());
            while (true) {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(noDelay);
                Member member = new Member(socket);
                new Thread(member::writeAll).start();
                new Thread(member::readAll).start();
            }
        }
    }

    static final class Member {
        final Socket socket;
        final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
        volatile boolean gone;

        Member(Socket socket) {
            this.socket = socket;
        }

        void readAll() {
            String name = null;
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                offer(frame("Welcome to the chat server! What's your name?"));
                while (name == null) {
                    String wanted = read(in).strip();
                    synchronized (MEMBERS) {
                        if (MEMBERS.putIfAbsent(wanted, this) == null) {
                            name = wanted;
                            offer(frame("Hello " + name + ", you are now connected!"));
                            toOthers("[SERVER] " + name + " joined the chat.");
                        }
                    }
                    if (name == null) {
                        offer(frame("Name not available: taken"));
                        offer(frame("Welcome to the chat server! What's your name?"));
                    }
                }
                while (true) {
                    String message = read(in);
                    if (message.strip().equalsIgnoreCase("exit")) {
                        offer(frame("Goodbye!"));
                        break;
                    }
                    toOthers("[" + name + "] " + message);
                }
            } catch (IOException | RuntimeException e) {
                // Gone: leaves below.
            } finally {
                if (name != null) {
                    synchronized (MEMBERS) {
                        MEMBERS.remove(name, this);
                        toOthers("[SERVER] " + name + " left the chat.");
                    }
                }
                leave();
            }
        }

        /** To every member but this one: one frame made once, queued for each. */
        void toOthers(String line) {
            byte[] frame = frame(line);
            synchronized (MEMBERS) {
                for (Member member : MEMBERS.values()) {
                    if (member != this) {
                        member.offer(frame);
                    }
                }
            }
        }

        void offer(byte[] frame) {
            if (!gone && !queue.offer(frame)) {
                leave(); // too slow: its queue is full
            }
        }

        void writeAll() {
            try {
                OutputStream out = socket.getOutputStream();
                while (!gone) {
                    byte[] frame = queue.take();
                    if (frame.length > 0) {
                        out.write(frame);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // Gone.
            } finally {
                leave();
            }
        }

        void leave() {
            gone = true;
            queue.offer(new byte[0]); // wakes the writer
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
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
