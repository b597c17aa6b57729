package io.dataspoke.embedded;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

/** Polls a condition until it holds or a deadline passes; tests use it instead of sleeps. */
final class Await {

    private static final long POLL_MILLIS = 25;

    private Await() {}

    /**
     * Polls {@code probe} until its value satisfies {@code done}, and returns that value.
     *
     * @param missing describes, from the last value seen, what was still missing at the deadline
     */
    static <T> T until(
            Duration timeout, Callable<T> probe, Predicate<T> done, Function<T, String> missing)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.call();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "After "
                                + timeout.toMillis()
                                + " ms still missing: "
                                + missing.apply(value));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
