package chatlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GradeBookTest {
    @Task(step = 9, number = 1, title = "Encode")
    static final class First {
    }

    @Task(step = 9, number = 2, title = "Serve")
    static final class Second {
    }

    private static final Task ONE = First.class.getAnnotation(Task.class);
    private static final Task TWO = Second.class.getAnnotation(Task.class);
    private static final String TODO = "Not implemented yet: TODO(step 9): Task 2 - serve: accept\n    at x";

    private static GradeBook.Check pass(Task task, String name) {
        return new GradeBook.Check(task, name, 1, true, "");
    }

    private static GradeBook.Check fail(Task task, String name, String report) {
        return new GradeBook.Check(task, name, 2, false, report);
    }

    @Test
    void a_step_is_done_when_every_declared_check_ran_and_passed() {
        GradeBook book = new GradeBook(GradeBook.parseExpected("1,1"));
        book.record(pass(ONE, "encodes"));
        book.record(pass(TWO, "serves"));
        assertThat(book.done()).isTrue();
        assertThat(book.summary("")).contains("Every check passes: step 9 is done")
                .contains("[x] Task 1  Encode").contains(" 2/2 ");
    }

    @Test
    void checks_that_did_not_run_keep_the_step_from_being_done() {
        GradeBook book = new GradeBook(GradeBook.parseExpected("1,3"));
        book.record(pass(ONE, "encodes"));
        book.record(pass(TWO, "serves"));
        assertThat(book.done()).isFalse();
        assertThat(book.missing()).containsExactly("Task 2: 1 checks ran, but the step has 3. Were grader files "
                + "deleted, renamed or changed? Restore src/test from the kit.");
        assertThat(book.summary("")).doesNotContain("is done").contains("[ ] Task 2").contains("1/3");
    }

    @Test
    void the_next_check_is_the_first_failure_in_lesson_order_with_its_reason_not_its_rules() {
        GradeBook book = new GradeBook(Map.of());
        book.record(pass(ONE, "encodes"));
        book.record(fail(ONE, "encodes in bytes", "Rule R2: lengths count bytes.\n\nThe header said 5, not 6.\nmore"));
        book.record(fail(TWO, "serves", TODO));
        assertThat(book.firstFailure().name()).isEqualTo("encodes in bytes");
        assertThat(book.firstFailure().reason()).isEqualTo("The header said 5, not 6.");
        assertThat(book.summary("target/grading/failures.txt"))
                .contains("Next: Task 1, check \"encodes in bytes\"\n   The header said 5, not 6.\n")
                .contains("Reports: target/grading/failures.txt")
                .contains("Total").contains("1/3").contains("1/5");
    }

    @Test
    void the_screen_shows_one_line_per_TODO_and_the_first_real_failure_in_full() {
        GradeBook book = new GradeBook(Map.of());
        book.record(fail(ONE, "encodes in bytes", "The header said 5, not 6.\nWhat happened: ..."));
        book.record(fail(TWO, "serves", TODO));
        book.record(fail(TWO, "serves twice", TODO));
        String screen = Grade.screen(book);
        assertThat(screen).contains("  TODO(step 9): Task 2 - serve: accept  (2 checks)\n")
                .contains("First check to fix: Task 1 > encodes in bytes\n  The header said 5, not 6.\n  What happened: ...");
        assertThat(book.todos()).containsExactly(Map.entry("TODO(step 9): Task 2 - serve: accept", 2));
    }
}
