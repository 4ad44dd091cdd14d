package chatlab.step4;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is in the chat, and what reaches whom. One lock guards the members, so that every join,
 * message and leave happens in one order that every member sees. Holding it is cheap: delivering
 * only queues a message in the member's outbox, it never waits for the network.
 *
 * <p>Design: the members live in a concurrent map keyed by {@link ChatProtocol#key} (so a name is
 * claimed with one {@code putIfAbsent}); an explicit lock orders the room's events.
 */
final class ChatRoom {
    /** One order for every join, message and leave. */
    private final ReentrantLock order = new ReentrantLock();
    /** The members, by the key of their name. */
    private final ConcurrentMap<String, ClientSession> members = new ConcurrentHashMap<>();

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
        order.lock();
        try {
            // Nobody can send while the lock is held: claiming first, then greeting, is the same to
            // every member as greeting first and adding afterwards.
            if (members.putIfAbsent(key, member) != null) {
                return "\"" + name + "\" is taken";
            }
            if (!member.deliver(ChatProtocol.hello(name))) {
                members.remove(key, member);
                member.dropAsTooSlow();
                return "you are not reading what the server sends";
            }
            sendToOthers(member, ChatProtocol.joined(name));
            return null;
        } finally {
            order.unlock();
        }
    }

    /** Takes the member out and tells the others; does nothing if it has already left. */
    void leave(String name, ClientSession member) {
        order.lock();
        try {
            if (members.remove(ChatProtocol.key(name), member)) {
                sendToOthers(member, ChatProtocol.left(name));
            }
        } finally {
            order.unlock();
        }
    }

    /** Sends a line to every member but the one it comes from. */
    void broadcast(ClientSession from, String line) {
        order.lock();
        try {
            sendToOthers(from, line);
        } finally {
            order.unlock();
        }
    }

    /** With the lock held. A member too far behind is dropped; its own session then leaves the room. */
    private void sendToOthers(ClientSession from, String line) {
        for (ClientSession member : members.values()) {
            if (member != from && !member.deliver(line)) {
                member.dropAsTooSlow();
            }
        }
    }
}
