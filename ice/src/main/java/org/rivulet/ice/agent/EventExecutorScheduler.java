package org.rivulet.ice.agent;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link Scheduler} on a Netty {@link EventExecutor}: the event loop of the media pipeline, which also
 * reads the endpoint's sockets, so timers and packets are handled on one thread.
 *
 * <p>Thread-safe as far as the executor is; the agent calls it from the loop only.
 */
public final class EventExecutorScheduler implements Scheduler {

  private final EventExecutor executor;
  private final LongSupplier clock;

  /** Timers on {@code executor}, time from {@link System#nanoTime()}. */
  public EventExecutorScheduler(EventExecutor executor) {
    this(executor, System::nanoTime);
  }

  /** Timers on {@code executor}, time from {@code clock} (for an executor whose time is simulated). */
  public EventExecutorScheduler(EventExecutor executor, LongSupplier clock) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    Future<?> future = executor.schedule(task, delay, unit);
    return () -> future.cancel(false);
  }

  @Override
  public long nanoTime() {
    return clock.getAsLong();
  }

  @Override
  public boolean inEventLoop() {
    return executor.inEventLoop();
  }
}
