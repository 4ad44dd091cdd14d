package chatlab.step4;

/**
 * Who is in the chat, and what reaches whom. One lock guards the members, so that every join,
 * message and leave happens in one order that every member sees. Holding it is cheap: delivering
 * only queues a message in the member's outbox, it never waits for the network.
 */
final class ChatRoom {
    /**
     * Lets the member in under the name, or says why not. The newcomer is greeted before anyone can
     * send to it, and the others are told; the newcomer is not told of its own arrival.
     *
     * @return null if the member joined, or the reason the name is not available
     */
    synchronized String join(String name, ClientSession member) {
        throw new UnsupportedOperationException("TODO(step 4): Task 2 - ChatRoom.join: a unique name, a greeting, a notice to the others");
    }

    /** Takes the member out and tells the others; does nothing if it has already left. */
    synchronized void leave(String name, ClientSession member) {
        throw new UnsupportedOperationException("TODO(step 4): Task 3 - ChatRoom.leave: out of the room, the others told");
    }

    /** Sends a line to every member but the one it comes from. */
    synchronized void broadcast(ClientSession from, String line) {
        throw new UnsupportedOperationException("TODO(step 4): Task 3 - ChatRoom.broadcast: to every member but the sender");
    }
}
