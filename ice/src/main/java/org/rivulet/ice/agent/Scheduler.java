package org.rivulet.ice.agent;

import java.util.concurrent.TimeUnit;

/**
 * Time for the agent: a clock and one-shot timers, all on the agent's thread. Production uses
 * {@link EventExecutorScheduler} over the pipeline's event loop; tests use a manual clock, so that 30 seconds
 * of consent freshness take no wall time.
 *
 * <p>Tasks run on the thread that owns the agent, one at a time, never inside {@link #schedule}: as Pion's
 * task loop runs agent work, so that timers never race the packet path.
 */
public interface Scheduler {

  /** A scheduled task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Stops the task if it has not run; does nothing if it has. */
    void cancel();
  }

  /**
   * Runs {@code task} once after {@code delay} (0 means "soon", never "now").
   *
   * @return a handle to cancel the task
   */
  Cancellable schedule(Runnable task, long delay, TimeUnit unit);

  /** A monotonic clock in nanoseconds, only differences are meaningful. */
  long nanoTime();

  /** True on the thread the agent belongs to; the agent asserts it at every entry point. */
  boolean inEventLoop();
}
