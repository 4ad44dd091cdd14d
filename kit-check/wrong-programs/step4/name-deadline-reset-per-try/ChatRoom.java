package chatlab.step4;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Who is in the chat, and what reaches whom. One lock guards the members, so that every join,
 * message and leave happens in one order that every member sees. Holding it is cheap: delivering
 * only queues a message in the member's outbox, it never waits for the network.
 *
 * <p>This room uses a read-write lock: joins and leaves change the members and take the write
 * lock; a broadcast only reads them and takes the read lock, so members may talk at the same time
 * (each sender's messages still go out in its own order, from its own thread).
 */
final class ChatRoom {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The members by ChatProtocol.key(name); guarded by lock. */
    private final Map<String, ClientSession> members = new HashMap<>();

    /**
     * Lets the member in under the name, or says why not. The newcomer is greeted before anyone can
     * send to it, and the others are told; the newcomer is not told of its own arrival.
     *
     * @return null if the member joined, or the reason the name is not available
     */
    String join(String name, ClientSession member) {
        String problem = ChatProtocol.nameProblem(name);
        if (problem != null) {
            return problem;
        }
        String key = ChatProtocol.key(name);
        lock.writeLock().lock();
        try {
            if (members.containsKey(key)) {
                return "\"" + name + "\" is taken";
            }
            if (!member.deliver(ChatProtocol.hello(name))) {
                member.dropAsTooSlow();
            }
            sendToAllBut(member, ChatProtocol.joined(name));
            members.put(key, member);
        } finally {
            lock.writeLock().unlock();
        }
        return null;
    }

    /** Takes the member out and tells the others; does nothing if it has already left. */
    void leave(String name, ClientSession member) {
        String key = ChatProtocol.key(name);
        lock.writeLock().lock();
        try {
            if (!members.remove(key, member)) {
                return;
            }
            sendToAllBut(member, ChatProtocol.left(name));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Sends a line to every member but the one it comes from. */
    void broadcast(ClientSession from, String line) {
        lock.readLock().lock();
        try {
            sendToAllBut(from, line);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Under the lock: queues the line for every member but one. A member whose outbox is full is
     * disconnected (that never waits); its own session then leaves the room, from its own thread.
     */
    private void sendToAllBut(ClientSession except, String line) {
        for (ClientSession member : members.values()) {
            if (member != except && !member.deliver(line)) {
                member.dropAsTooSlow();
            }
        }
    }
}
