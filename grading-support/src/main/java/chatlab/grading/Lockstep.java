package chatlab.grading;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Runs the threads that enter one class of the program under test in lockstep, so that a race on
 * that class's state is lost in every run, not one run in ten.
 *
 * <p>The program's classes are loaded by {@link LockstepClasses}, which put a call to {@link #step()}
 * after every call the program makes into {@code java.util} or its own package, and after every
 * synchronized block it leaves. While a lockstep is on, the threads that have entered the class (say
 * the room, to claim a name) take their steps in lockstep: none goes past its first step before all
 * have come, and none goes past its n-th step while another one that has taken fewer steps can still
 * move (it runs, or the lock it waits for is free or held by a thread that runs). So a check-then-act that is not one
 * atomic step (a look-up, then an add, with a lock let go in between or no lock at all) is seen by
 * every claimant before any of them adds, in every run, whatever order the JVM hands out locks in.
 *
 * <p>It never fails a correct program: a thread that holds a lock the others wait for is never held
 * back by them (they cannot move), and every interleaving it produces is one the JVM could produce
 * by itself. Nothing waits past the patience given; after it the lockstep is off.
 */
public final class Lockstep implements AutoCloseable {
    /** The lockstep on now, or null. Instrumented code reads it at every step. */
    private static volatile Lockstep current;

    /** How often a thread waiting at a step looks at the others again. */
    private static final long LOOK_MILLIS = 1;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String className;
    private final int threads;
    private final long deadline;
    /** Every thread that has entered the class while this lockstep is on. Guarded by this. */
    private final Set<Thread> entered = new HashSet<>();
    /** The threads waiting at a step now. Guarded by this. */
    private final Set<Thread> atStep = new HashSet<>();
    /** How many steps each thread has taken. Guarded by this. */
    private final Map<Thread, Integer> steps = new HashMap<>();

    private Lockstep(String className, int threads, Duration patience) {
        this.className = className;
        this.threads = threads;
        this.deadline = System.nanoTime() + patience.toNanos();
    }

    /**
     * Starts a lockstep of the threads that enter the class, which takes effect in classes loaded
     * by {@link LockstepClasses}; close it when the race is over.
     *
     * @param className the class whose callers go in lockstep, for instance {@code chatlab.step4.ChatRoom}
     * @param threads   how many threads will enter it: none goes past its first step before all have come
     * @param patience  how long the lockstep may last at most
     */
    public static Lockstep start(String className, int threads, Duration patience) {
        Lockstep lockstep = new Lockstep(className, threads, patience);
        current = lockstep;
        return lockstep;
    }

    /** Called by instrumented code after each of its steps; outside a lockstep it does nothing. */
    public static void step() {
        Lockstep lockstep = current;
        if (lockstep != null) {
            lockstep.await(Thread.currentThread());
        }
    }

    /** How many threads entered the class while the lockstep was on. */
    public synchronized int threadsEntered() {
        return entered.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (current == this) {
                current = null;
            }
            notifyAll();
        }
    }

    /**
     * A thread goes past a step once no other thread of the race that is behind it (fewer steps
     * taken, or as many but not yet at its next step) can still move: the threads behind go first,
     * and those level go together. So neither the scheduler nor the JVM's choice of who gets a lock
     * first can let one claimant add before the others have looked.
     */
    private synchronized void await(Thread me) {
        if (!entered.contains(me)) {
            if (!inClass(me.getStackTrace())) {
                return; // not a thread of the race: the writers, the accept loop, the graders
            }
            entered.add(me);
        }
        atStep.add(me);
        try {
            while (isOn() && !mayGoOn(me)) {
                wait(LOOK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the program's own shutdown: let it see the interrupt
        } finally {
            atStep.remove(me);
            steps.merge(me, 1, Integer::sum);
        }
    }

    private boolean isOn() {
        if (current != this || System.nanoTime() - deadline > 0) {
            if (current == this) {
                current = null;
            }
            return false;
        }
        return true;
    }

    /** Holds this. */
    private boolean mayGoOn(Thread me) {
        if (entered.size() < threads) {
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (inClass(thread.getValue())) {
                    entered.add(thread.getKey());
                }
            }
            if (entered.size() < threads) {
                return false; // the others are still on their way: none may have a head start
            }
        }
        int mine = steps.getOrDefault(me, 0);
        for (Thread other : entered) {
            int theirs = steps.getOrDefault(other, 0);
            // Behind me, or level with me but not yet at its step: it goes first, if it can move at all.
            boolean first = theirs < mine || theirs == mine && !atStep.contains(other);
            if (other != me && first && canMove(other)) {
                return false;
            }
        }
        return true;
    }

    /** The thread will take a step of its own without another one going first. */
    private boolean canMove(Thread thread) {
        return moves(thread.getId(), 0);
    }

    /**
     * Whether the thread moves on by itself: it runs, or waits for a lock that is free or whose
     * owner runs (it will let it go). A thread waiting at a step moves once let go; as the owner of
     * a lock (depth above 0) it holds it until then.
     */
    private boolean moves(long id, int depth) {
        Thread participant = entered.stream().filter(thread -> thread.getId() == id).findFirst().orElse(null);
        if (participant != null && atStep.contains(participant)) {
            return depth == 0;
        }
        ThreadInfo info = THREADS.getThreadInfo(id, Integer.MAX_VALUE);
        if (info == null) {
            return false; // ended
        }
        StackTraceElement[] stack = info.getStackTrace();
        if (Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(Lockstep.class.getName()))) {
            return depth == 0; // coming to a step, or leaving one
        }
        return switch (info.getThreadState()) {
            case BLOCKED -> ownerLetsGo(info, depth);
            case WAITING, TIMED_WAITING -> isLock(info.getLockInfo()) && ownerLetsGo(info, depth);
            case RUNNABLE -> stack.length == 0 || !inIo(stack[0]);
            default -> false;
        };
    }

    /** The lock the thread waits for is free, or its owner moves on (a chain of owners, up to a few). */
    private boolean ownerLetsGo(ThreadInfo waiter, int depth) {
        long owner = waiter.getLockOwnerId();
        return owner == -1 || depth < 4 && moves(owner, depth + 1);
    }

    /** A lock of java.util.concurrent (not a condition, nor Object.wait()). */
    private static boolean isLock(LockInfo lock) {
        if (lock == null) {
            return false;
        }
        try {
            Class<?> type = Class.forName(lock.getClassName(), false, null);
            return AbstractQueuedSynchronizer.class.isAssignableFrom(type)
                    || AbstractQueuedLongSynchronizer.class.isAssignableFrom(type);
        } catch (ClassNotFoundException e) {
            return false; // not the JDK's: the program's own wait
        }
    }

    /**
     * Waiting for the network or a console. Only these natives: a thread is also native for a
     * moment inside ConcurrentHashMap or an atomic (Unsafe), and that thread is not waiting at all.
     */
    private static boolean inIo(StackTraceElement top) {
        String owner = top.getClassName();
        return top.isNativeMethod() && (owner.startsWith("sun.nio.ch.") || owner.startsWith("java.net.")
                || owner.startsWith("java.io."));
    }

    private boolean inClass(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(className));
    }
}
