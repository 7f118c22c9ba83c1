package org.rivulet.ice.agent;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link Scheduler} whose clock moves only when a test says so: tasks run in time order (ties in the
 * order they were scheduled) as {@link #advance} or {@link #runUntil} pass their time. Nothing sleeps.
 */
final class ManualScheduler implements Scheduler {

  private static final class Task implements Comparable<Task> {
    final long at;
    final long seq;
    final Runnable body;
    boolean cancelled;

    Task(long at, long seq, Runnable body) {
      this.at = at;
      this.seq = seq;
      this.body = body;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  // Far from zero, so that no code can mistake a time for "unset".
  private long now = 1_000_000_000_000L;
  private long seq;

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    if (delay < 0) {
      throw new IllegalArgumentException("negative delay " + delay);
    }
    Task t = new Task(now + unit.toNanos(delay), seq++, task);
    queue.add(t);
    return () -> t.cancelled = true;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public boolean inEventLoop() {
    return true;
  }

  /** Runs every task due within {@code d}, then sets the clock to now + d. */
  void advance(Duration d) {
    long end = now + d.toNanos();
    while (!queue.isEmpty() && queue.peek().at <= end) {
      runNext();
    }
    now = end;
  }

  /**
   * Runs tasks in order until {@code condition} holds or the next task is later than {@code max} from now.
   *
   * @return whether the condition holds
   */
  boolean runUntil(BooleanSupplier condition, Duration max) {
    long end = now + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (queue.isEmpty() || queue.peek().at > end) {
        now = Math.max(now, end);
        return condition.getAsBoolean();
      }
      runNext();
    }
    return true;
  }

  private void runNext() {
    Task t = queue.poll();
    now = Math.max(now, t.at);
    if (!t.cancelled) {
      t.body.run();
    }
  }

  /** Tasks not yet run or cancelled. */
  int pending() {
    int n = 0;
    for (Task t : queue) {
      if (!t.cancelled) {
        n++;
      }
    }
    return n;
  }
}
