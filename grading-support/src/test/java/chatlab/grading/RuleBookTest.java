package chatlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleBookTest {
    private static final RuleBook BOOK = RuleBook.parse("""
            # Step 9 rules

            | rule | what must hold |
            |---|---|
            | R1 | The server answers every message. |
            | R2 | A header holds digits and spaces (0x20), nothing else \\| not even TAB. |
            Prose between the rows is ignored.
            """);

    @Enforces("R9")
    static final class Tagged {
        @Enforces({"R2", "R1"})
        void check() {
        }

        void untagged() {
        }
    }

    @Test
    void reads_the_table_rows_in_order() {
        assertThat(BOOK.rules()).containsExactly(
                java.util.Map.entry("R1", "The server answers every message."),
                java.util.Map.entry("R2", "A header holds digits and spaces (0x20), nothing else | not even TAB."));
    }

    @Test
    void refuses_a_number_given_twice() {
        assertThatThrownBy(() -> RuleBook.parse("| R1 | a |\n| R1 | b |")).hasMessageContaining("two rules R1");
    }

    @Test
    void a_check_enforces_its_own_rules_then_its_class_rules() throws NoSuchMethodException {
        assertThat(RuleBook.enforcedBy(Tagged.class.getDeclaredMethod("check"))).containsExactly("R2", "R1", "R9");
        assertThat(RuleBook.enforcedBy(Tagged.class.getDeclaredMethod("untagged"))).containsExactly("R9");
    }

    @Test
    void describes_rules_for_a_report_and_flags_unknown_numbers() {
        assertThat(BOOK.describe(Set.of("R1"))).isEqualTo("Rule R1: The server answers every message.");
        assertThat(BOOK.describe(Set.of("R7"))).isEqualTo("Rule R7: (not in RULES.md)");
    }

    @Test
    void a_report_opens_with_the_rules_unless_a_TODO_is_the_whole_story() {
        Lab lab = new Lab();
        assertThat(lab.report(new AssertionError("No answer came."), "Rule R1: The server answers every message."))
                .startsWith("Rule R1: The server answers every message.\n\nNo answer came.");
        assertThat(lab.report(new UnsupportedOperationException("TODO(step 9): Task 1 - do it"), "Rule R1: x"))
                .startsWith("Not implemented yet: TODO(step 9)");
    }
}
