package chatlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptAndSummaryTest {
    @Test
    void transcript_keeps_the_latest_events_in_order() {
        Transcript transcript = new Transcript();
        for (int i = 0; i < 70; i++) {
            transcript.note("event " + i);
        }
        String rendered = transcript.render();
        assertThat(rendered).startsWith("  (10 earlier events not shown)").contains("event 10").doesNotContain("event 9\n")
                .endsWith("event 69\n");
    }

    @Test
    void listening_line_gives_the_port() {
        assertThat(ListeningLine.port("[LISTENING] Server is listening on 127.0.0.1:40123\n")).hasValue(40123);
        assertThat(ListeningLine.port("[LISTENING] Server is listening on ::1:40123")).hasValue(40123);
        assertThat(ListeningLine.port("[STARTING] Server is starting...")).isEmpty();
    }

    @Test
    void lab_report_leads_with_the_TODO_of_a_crashed_program() {
        Lab lab = new Lab();
        ScriptedConsole console = lab.console("server console");
        Running running = lab.start("ChatServer", console, () -> {
            throw new UnsupportedOperationException("TODO(step 9): Task 1 - do it");
        });
        lab.await("the program to stop", running::isFinished, "");
        String report = lab.report(new AssertionError("Waited in vain."));
        assertThat(report).startsWith("Not implemented yet: TODO(step 9): Task 1 - do it\n\nWaited in vain.")
                .contains("ChatServer printed nothing.");
    }
}
