package org.rivulet.server.it.browser;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plain polling with a deadline. Media tests wait for a condition (frames decoded, a connection
 * state) but never assert on how long it took: a loaded two-core machine is slow, not broken. The
 * caller asserts on the value returned, so a failure message shows what was last seen.
 */
public final class Poll {
  private static final Duration INTERVAL = Duration.ofMillis(200);

  private Poll() {
  }

  /** Probes until {@code done} holds or {@code within} has passed; returns the last value seen. */
  public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      T value = probe.get();
      if (done.test(value) || System.nanoTime() - deadline >= 0) {
        return value;
      }
      sleep(INTERVAL);
    }
  }

  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }
}
