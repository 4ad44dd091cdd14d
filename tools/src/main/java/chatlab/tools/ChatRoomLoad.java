package chatlab.tools;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 4 under closed-loop load: C named members, each with a reader thread that reads everything
 * the server sends as it comes (a reader that lags is dropped by the server), and a sender thread
 * that sends its next message only once the one before has reached all C-1 others (or, with a
 * window W, once at most W are on their way). A message carries its sender, its number and when it
 * was sent, so a reader measures each delivery's latency itself.
 *
 * <p>Slow members (--slow) join first, then never read again: a server with bounded outboxes drops
 * them, and the others' pace does not change; a server that writes to them from the senders'
 * threads stalls the room, and the run ends at its deadline saying so.
 */
final class ChatRoomLoad {
    static final String WELCOME = "Welcome to the chat server! What's your name?";
    static final String SERVER = "[SERVER] ";
    static final String JOINED = " joined the chat.";
    static final String LEFT = " left the chat.";
    /** A slow member's receive buffer: small, so that what it does not read piles up at the server. */
    static final int SLOW_RECEIVE_BUFFER = 4096;
    /** How long the join waits for join notices that stopped coming (a server that sends none). */
    static final long NOTICES_STALL_MILLIS = 5000;

    private final BenchRun run;
    private final BenchSettings settings;
    private final BenchFrames frames;
    private final int members;
    private final int others;
    private final Member[] room;
    private final CountDownLatch joined;
    /** Every earlier member hears of every later one: C(C-1)/2 notices in all. */
    private final CountDownLatch joinNotices;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch warmedUp;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch sendersDone;
    private final AtomicInteger joinedCount = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    /** The slow members the server has announced as left, with how many messages had been sent by then. */
    private final Map<String, Long> slowLeft = new ConcurrentHashMap<>();
    /** Every message sent, warm-up too: how far the room had got when a slow member was dropped. */
    private final AtomicLong sentInAll = new AtomicLong();

    ChatRoomLoad(BenchRun run) {
        this.run = run;
        this.settings = run.settings;
        this.frames = new BenchFrames(settings.headerSize());
        this.members = settings.clients();
        this.others = members - 1;
        this.room = new Member[members];
        this.joined = new CountDownLatch(members);
        this.joinNotices = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, (long) members * others / 2));
        // Without messages there are no senders, and nothing to wait for once everyone has joined.
        boolean sending = settings.warmupPerClient() + settings.messages() > 0;
        this.warmedUp = new CountDownLatch(sending ? members : 0);
        this.sendersDone = new CountDownLatch(sending ? members : 0);
    }

    BenchOutcome run(String label, String server) {
        BenchProgress progress = run.progress;
        List<Socket> slow = new ArrayList<>();
        progress.phase("joining", (long) settings.slow() + members, "members");
        for (int i = 1; i <= settings.slow() && !run.stopped(); i++) {
            Socket socket = joinSlow("slow" + i);
            if (socket != null) {
                slow.add(socket);
            }
        }
        List<Thread> threads = new ArrayList<>();
        int total = settings.warmupPerClient() + settings.messages();
        for (int i = 0; i < members; i++) {
            Member member = new Member(i + 1, total);
            room[i] = member;
            threads.add(run.thread("bench member " + member.id, () -> read(member)));
        }
        if (settings.messages() + settings.warmupPerClient() > 0) {
            for (Member member : room) {
                threads.add(run.thread("bench sender " + member.id, () -> send(member)));
            }
        }
        long started = 0;
        long ended = 0;
        if (run.await(joined) && everyoneJoined() && awaitJoinNotices()) {
            run.allConnected();
            ready.countDown();
            progress.phase("warming up", (long) members * settings.warmupPerClient() * others, "deliveries");
            if (run.await(warmedUp)) {
                started = System.nanoTime();
                progress.phase("measuring", settings.expected(), settings.unit());
                go.countDown();
                if (run.await(sendersDone)) {
                    ended = System.nanoTime();
                    run.sampleServer();
                }
            }
        }
        if (ended == 0 && run.pastDeadline()) {
            run.cutOff(started == 0 ? "before every member had joined (" + joinedCount.get() + " of " + members + ")"
                    : "after " + BenchReport.count(delivered.get()) + " of " + BenchReport.count(settings.expected())
                    + " deliveries: the server stopped "
                    + "delivering" + (settings.slow() > 0 ? " (do members that stop reading block the others?)" : ""));
        }
        if (started != 0 && ended == 0) {
            ended = System.nanoTime();
        }
        ready.countDown();
        go.countDown();
        run.stop(); // the end: members hang up without exit, or a thousand of them would hear a million leaves
        run.join(threads);
        Latencies all = new Latencies();
        for (Member member : room) {
            all.add(member.latencies);
        }
        int servedMembers = total == 0 ? joinedCount.get() : served.get();
        return new BenchOutcome(label, server, settings, run.connections(), joinedCount.get(), servedMembers,
                delivered.get(), sent.get(), ended - started, all, run.errors, run.cutOff(), slowLeft.size(),
                run.connectNanos(), run.peakUsage(),
                slowLeft.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** Whether every member got in: a message to the others would never reach one that did not. */
    private boolean everyoneJoined() {
        if (joinedCount.get() < members) {
            run.stop(); // why each one did not is counted already
            return false;
        }
        return true;
    }

    /** Waits for every join notice while they keep coming: a server that sends none must not hold the run. */
    private boolean awaitJoinNotices() {
        long count = joinNotices.getCount();
        long lastChange = System.nanoTime();
        try {
            while (!run.stopped() && !run.pastDeadline()) {
                if (joinNotices.await(100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (joinNotices.getCount() != count) {
                    count = joinNotices.getCount();
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.MILLISECONDS.toNanos(NOTICES_STALL_MILLIS)) {
                    run.errors.count(BenchErrors.Kind.UNEXPECTED, count + " of " + (long) members * others / 2
                            + " join notices (\"[SERVER] <name> joined the chat.\") never came; measuring anyway");
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** A member that joins, then never reads again. */
    private Socket joinSlow(String name) {
        try {
            Socket socket = run.connect(SLOW_RECEIVE_BUFFER);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            if (join(name, socket, in, new byte[settings.headerSize()])) {
                run.progress.add(1);
                return socket;
            }
        } catch (IOException e) {
            failed(name, "joining", e);
        }
        return null;
    }

    /** Welcome, name, hello; false (and counted) if the server said anything else. */
    private boolean join(String name, Socket socket, InputStream in, byte[] header) throws IOException {
        String welcome = frames.read(in, header);
        if (!WELCOME.equals(welcome)) {
            run.errors.count(welcome == null ? BenchErrors.Kind.CLOSED : BenchErrors.Kind.UNEXPECTED, name
                    + " expected the welcome " + BenchRun.quoted(WELCOME) + ", got "
                    + (welcome == null ? "the end of the connection" : BenchRun.quoted(welcome)));
            return false;
        }
        socket.getOutputStream().write(frames.encode(name));
        String hello = "Hello " + name + ", you are now connected!";
        String answer = frames.read(in, header);
        if (!hello.equals(answer)) {
            run.errors.count(answer == null ? BenchErrors.Kind.CLOSED : BenchErrors.Kind.UNEXPECTED, name
                    + " expected " + BenchRun.quoted(hello) + ", got "
                    + (answer == null ? "the end of the connection" : BenchRun.quoted(answer)));
            return false;
        }
        return true;
    }

    /** A member's reader: joins, then reads every frame as it comes until the run ends. */
    private void read(Member member) {
        try {
            try {
                member.socket = run.connect(0);
                member.in = new BufferedInputStream(member.socket.getInputStream(), 64 * 1024);
                member.out = member.socket.getOutputStream();
                if (!join(member.name, member.socket, member.in, member.header)) {
                    return;
                }
                member.joined = true;
                joinedCount.incrementAndGet();
                run.progress.add(1);
            } finally {
                joined.countDown();
            }
            for (String frame = frames.read(member.in, member.header); ; frame = frames.read(member.in, member.header)) {
                if (frame == null) {
                    lost(member.name + ": the server closed the connection");
                    return;
                }
                take(member, frame, System.nanoTime());
            }
        } catch (IOException e) {
            failed(member.name, member.joined ? "reading" : "joining", e);
            if (member.joined) {
                lost(null);
            }
        }
    }

    /** One frame that reached a member. */
    private void take(Member member, String frame, long now) {
        if (run.stopped()) {
            return; // after the end, or the cut-off: what the server sends as connections close is not measured
        }
        if (frame.startsWith("[bench")) {
            delivery(member, frame, now);
        } else if (frame.startsWith(SERVER) && frame.endsWith(JOINED)) {
            joinNotices.countDown();
        } else if (frame.startsWith(SERVER) && frame.endsWith(LEFT)) {
            String name = frame.substring(SERVER.length(), frame.length() - LEFT.length());
            if (name.startsWith("slow")) {
                slowLeft.putIfAbsent(name, sentInAll.get());
            }
        } else if (!frame.startsWith(SERVER)) {
            run.errors.count(BenchErrors.Kind.UNEXPECTED, member.name + " got " + BenchRun.quoted(frame));
        }
    }

    /** "[bench3] b 3 17 123456789 xxx": member 3's message 17, sent at that nanoTime. */
    private void delivery(Member member, String frame, long now) {
        int from;
        int number;
        long sentAt;
        try {
            String[] parts = frame.substring(frame.indexOf("] ") + 2).split(" ", 5);
            from = Integer.parseInt(parts[1]);
            number = Integer.parseInt(parts[2]);
            sentAt = Long.parseLong(parts[3]);
            if (!parts[0].equals("b") || from < 1 || from > members || number < 0
                    || number >= room[from - 1].remaining.length()) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            run.errors.count(BenchErrors.Kind.UNEXPECTED, member.name + " got " + BenchRun.quoted(frame));
            return;
        }
        if (from == member.id) {
            run.errors.count(BenchErrors.Kind.UNEXPECTED, member.name + " got its own message back: "
                    + BenchRun.quoted(frame));
            return;
        }
        Member sender = room[from - 1];
        int left = sender.remaining.decrementAndGet(number);
        if (left < 0) {
            run.errors.count(BenchErrors.Kind.UNEXPECTED, member.name + " got a message twice, or one never sent: "
                    + BenchRun.quoted(frame));
            return;
        }
        if (number >= settings.warmupPerClient()) {
            member.latencies.record(now - sentAt);
            delivered.incrementAndGet();
        }
        run.progress.add(1);
        if (left == 0) {
            sender.window.release();
        }
    }

    /** A member's sender: its messages, each once the window has room, then waits until all have arrived. */
    private void send(Member member) {
        boolean ok = run.await(ready) && member.joined && !run.stopped();
        int warmup = settings.warmupPerClient();
        ok = ok && sendAll(member, 0, warmup) && drained(member);
        warmedUp.countDown();
        ok = run.await(go) && ok && sendAll(member, warmup, warmup + settings.messages()) && drained(member);
        if (ok) {
            served.incrementAndGet();
        }
        sendersDone.countDown();
    }

    private boolean sendAll(Member member, int from, int to) {
        for (int number = from; number < to; number++) {
            if (!acquire(member, 1, number)) {
                return false;
            }
            member.remaining.set(number, others); // before it is sent: a reader may count it down at once
            String tag = "b " + member.id + " " + number + " " + System.nanoTime() + " ";
            // Never cut: the numbers are what the readers measure with.
            String text = tag.length() >= settings.messageBytes() ? tag : RoundTripLoad.pad(tag, settings.messageBytes());
            try {
                member.out.write(frames.encode(text));
            } catch (IOException e) {
                failed(member.name, "sending", e);
                return false;
            }
            sentInAll.incrementAndGet();
            if (number >= settings.warmupPerClient()) {
                sent.incrementAndGet();
            }
        }
        return true;
    }

    /** Waits until every message the member sent has reached every other member. */
    private boolean drained(Member member) {
        if (!acquire(member, settings.window(), -1)) {
            return false;
        }
        member.window.release(settings.window());
        return true;
    }

    private boolean acquire(Member member, int permits, int number) {
        try {
            while (!run.stopped()) {
                if (member.window.tryAcquire(permits, Math.min(run.nanosLeft(), TimeUnit.MILLISECONDS.toNanos(100)),
                        TimeUnit.NANOSECONDS)) {
                    return !run.stopped();
                }
                if (run.pastDeadline()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * A member lost its connection during the run: the messages it should have had will never all
     * arrive, and the senders would wait for them until the deadline; so the run ends now.
     */
    private void lost(String reason) {
        if (run.stopped()) {
            return;
        }
        if (reason != null) {
            run.errors.count(BenchErrors.Kind.CLOSED, reason);
        }
        run.stop();
    }

    private void failed(String name, String doing, IOException e) {
        if (run.stopped()) {
            return;
        }
        String who = name + " (" + doing + "): ";
        if (e instanceof SocketTimeoutException) {
            run.errors.count(BenchErrors.Kind.TIMEOUT, who + "nothing came before the deadline");
        } else if (e instanceof ProtocolException) {
            run.errors.count(BenchErrors.Kind.PROTOCOL, who + e.getMessage());
        } else if (e instanceof EOFException) {
            run.errors.count(BenchErrors.Kind.CLOSED, who + e.getMessage());
        } else if ("joining".equals(doing) && !(e instanceof java.net.SocketException && e.getMessage() != null
                && e.getMessage().contains("reset"))) {
            run.errors.count(BenchErrors.Kind.CONNECT, who + e.getMessage());
        } else {
            run.errors.count(BenchErrors.Kind.IO, who + e.getMessage());
        }
    }

    private final class Member {
        final int id;
        final String name;
        final Latencies latencies = new Latencies();
        final byte[] header = new byte[settings.headerSize()];
        /** Per message of this member's: how many others have yet to receive it. */
        final AtomicIntegerArray remaining;
        /** How many more of its messages may be on their way. */
        final Semaphore window = new Semaphore(settings.window());
        volatile Socket socket;
        volatile InputStream in;
        volatile OutputStream out;
        volatile boolean joined;

        Member(int id, int messages) {
            this.id = id;
            this.name = "bench" + id;
            this.remaining = new AtomicIntegerArray(Math.max(1, messages));
        }
    }
}
