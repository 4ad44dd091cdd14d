package chatlab.step3;

import chatlab.common.ChatOptions;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;

/** The kit tests' client of the step 3 reference: connected, and answered once. */
final class Chatting {
    private Chatting() {
    }

    static FramedPeer client(Lab lab, int port, String who) {
        FramedPeer client = lab.connect(who, port).framed(ChatOptions.DEFAULT_HEADER_SIZE);
        client.send("hello from the " + who);
        client.expect(ChatProtocol.RECEIVED, "the " + who + " gets its receipt", "");
        return client;
    }
}
