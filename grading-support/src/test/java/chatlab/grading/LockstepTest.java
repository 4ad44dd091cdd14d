package chatlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A lockstep makes a check-then-act race happen in every run, and never fails a claim that is
 * atomic: twenty threads claim one name at once from registries loaded by {@link LockstepClasses}.
 */
class LockstepTest {
    private static final int CLAIMANTS = 20;
    private static final String REGISTRY = "chatlab.grading.lockstep.Registry";

    @ParameterizedTest
    @CsvSource({"claimUnderTwoLocks", "claimCheckThenPut", "claimUnderTwoReentrantLocks", "claimReadThenWrite"})
    void a_racy_claim_lets_every_claimant_in_every_run(String claim) throws Exception {
        for (int run = 0; run < 10; run++) {
            assertThat(winners(claim)).as("run %s", run).isEqualTo(CLAIMANTS);
        }
    }

    @ParameterizedTest
    @CsvSource({"claimAtomically", "claimWithPutIfAbsent", "claimUnderTheWriteLock"})
    void an_atomic_claim_has_exactly_one_winner(String claim) throws Exception {
        for (int run = 0; run < 5; run++) {
            assertThat(winners(claim)).as("run %s", run).isEqualTo(1);
        }
    }

    @RepeatedTest(3)
    void outside_a_lockstep_the_instrumented_class_runs_as_it_is() throws Exception {
        Object registry = newRegistry();
        Method claim = registry.getClass().getMethod("claimCheckThenPut", String.class);
        assertThat(claim.invoke(registry, "zed")).isEqualTo(true);
        assertThat(claim.invoke(registry, "zed")).isEqualTo(false);
    }

    /** How many of the claimants got the name. */
    private static int winners(String claimName) throws Exception {
        Object registry = newRegistry();
        Method claim = registry.getClass().getMethod(claimName, String.class);
        AtomicInteger winners = new AtomicInteger();
        CyclicBarrier barrier = new CyclicBarrier(CLAIMANTS);
        List<Thread> claimants = new ArrayList<>();
        try (Lockstep lockstep = Lockstep.start(REGISTRY, CLAIMANTS, Duration.ofSeconds(10))) {
            for (int i = 0; i < CLAIMANTS; i++) {
                Thread claimant = new Thread(() -> {
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                        if ((Boolean) claim.invoke(registry, "zed")) {
                            winners.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "claimant " + i);
                claimant.start();
                claimants.add(claimant);
            }
            for (Thread claimant : claimants) {
                claimant.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(claimant.isAlive()).as("%s still claiming", claimant.getName()).isFalse();
            }
            assertThat(lockstep.threadsEntered()).isEqualTo(CLAIMANTS);
        }
        return winners.get();
    }

    private static Object newRegistry() throws Exception {
        ClassLoader classes = new LockstepClasses(LockstepTest.class.getClassLoader(), "chatlab.grading.lockstep");
        return Class.forName(REGISTRY, true, classes).getConstructor().newInstance();
    }
}
