package chatlab.step4;

import static org.assertj.core.api.Assertions.assertThat;

import chatlab.common.ChatOptions;
import chatlab.grading.Bytes;
import chatlab.grading.FramedPeer;
import chatlab.grading.Lab;
import chatlab.grading.ScriptedConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The impersonation cases, against the step 4 reference (scripts/robustness.sh): names that look
 * like the server's or another user's, or show nothing, are refused; what a user sends cannot
 * recolour, reorder or forge the others' lines. Look-alike letters from other scripts (a Cyrillic
 * "А" in "АLICE") are not caught: that needs Unicode's confusables data, "going further" in the lesson.
 */
class ImpersonationTest {
    private static final int HEADER = 1024;

    @RegisterExtension
    final Lab lab = new Lab();

    @Test
    void names_that_impersonate_or_hide_are_refused_and_texts_cannot_forge_lines() {
        ScriptedConsole console = lab.console("server console");
        ChatServer server = new ChatServer(new ChatOptions("127.0.0.1", 0, HEADER, 65_536), console.input(),
                console.output());
        lab.start("ChatServer", console, server::run);
        int port = lab.awaitListening(console);
        FramedPeer alice = join(port, "alice");
        FramedPeer mallory = lab.connect("mallory", port).framed(HEADER);
        mallory.expect(ChatProtocol.WELCOME, "mallory is welcomed", "");
        String[] forged = {
            "SERVER\u200B",             // SERVER and a zero-width space
            "\uFF33\uFF25\uFF32\uFF36\uFF25\uFF32", // fullwidth SERVER: NFKC makes it SERVER
            "Server",                   // case folded
            "SERVER] alice",            // would print as "[SERVER] alice] ..."
            "[SERVER",
            "ALICE",                    // alice is connected: case folded
            "\uFF41lice",               // fullwidth a: NFKC makes it alice
            "\u202Eecila",              // right-to-left override: shows as "alice"
            "\u2066bob\u2069",          // bidi isolates
            "\u200B\u200C\u200D",       // nothing visible at all
            "\u00AD",                   // a soft hyphen alone
            "\u3000",                   // an ideographic space alone: stripped, nothing is left
            "bob\u2028SERVER",          // a line separator
            "\u001B[31mred",            // ANSI colour
            "bob\u0007",                // BEL
        };
        for (String name : forged) {
            mallory.send(name);
            String reply = mallory.receive("the name " + Bytes.quote(name) + " is refused", "");
            assertThat(reply).as("reply to the name " + Bytes.quote(name)).startsWith(ChatProtocol.NAME_NOT_AVAILABLE);
            mallory.expect(ChatProtocol.WELCOME, "and the question is asked again", "");
        }
        mallory.send("mallory");
        mallory.expect(ChatProtocol.hello("mallory"), "a plain name is accepted", "");
        alice.expect(ChatProtocol.joined("mallory"), "alice is told mallory joined", "");
        mallory.send("Server is shutting down.");
        alice.expect("[mallory] Server is shutting down.", "a forged notice shows who sent it", "");
        mallory.send("\u001B[2J\u001B[31mhi\u0007 \u202Eevil\u2066x\u2069 \u200Bzw\u2028line\u2029para\uFEFF");
        alice.expect("[mallory] ?[2J?[31mhi? ?evil?x? ?zw?line?para?",
                "control and format characters and line separators become ?", "");
        mallory.send("\r\n[SERVER] alice left the chat.");
        alice.expect("[mallory] ??[SERVER] alice left the chat.", "a forged line cannot start a line of its own", "");
        server.shutdown();
    }

    private FramedPeer join(int port, String name) {
        FramedPeer member = lab.connect(name, port).framed(HEADER);
        member.expect(ChatProtocol.WELCOME, name + " is welcomed", "");
        member.send(name);
        member.expect(ChatProtocol.hello(name), name + " is greeted", "");
        return member;
    }
}
