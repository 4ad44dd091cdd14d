package chatlab.grading;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rules of the step's {@code RULES.md} that a check enforces, e.g. {@code @Enforces({"R4", "R5"})}.
 * A failing check's report begins with those rules, so a student reads which promise their program
 * broke; the kit check proves that every rule has a check and a mutant that the check catches.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Enforces {
    String[] value();
}
