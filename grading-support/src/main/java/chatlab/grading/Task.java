package chatlab.grading;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a grader class as the checks of one task of a step's lesson; the end-of-run summary
 * counts checks and points per task and points the student at the first task that still fails.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Task {
    int step();

    int number();

    /** As the lesson names the task, e.g. "ChatServer: serve one chat". */
    String title();
}
