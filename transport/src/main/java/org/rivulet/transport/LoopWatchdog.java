package org.rivulet.transport;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an event loop that has stopped running its tasks (RELIABILITY.md B12.141): a handler or
 * element that blocks, a deadlock, a runaway loop. Every {@code period} it hands each loop a tiny
 * task; when one has waited longer than {@code threshold}, it reports the loop once, with where its
 * thread is, and again when the loop runs it. A loop that blocks stalls every pipeline on it, so
 * this is the first thing to know when media stops for everyone on one loop.
 *
 * <p>When the watchdog itself ran late by more than {@code threshold} (a stop-the-world
 * collection, the process or the machine stopped), every loop was stopped too, through no fault
 * of its own: the waits are started again instead of reported.
 *
 * <p>Threading: one daemon thread of its own; the loops run only the tiny tasks.
 */
public final class LoopWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoopWatchdog.class);
  /** Frames of a stalled loop's stack that a report shows. */
  private static final int FRAMES = 12;

  /** Where the reports go. */
  public interface Listener {
    /** {@code loop} has not run a task for {@code millis} ms; its thread is at {@code at}. */
    void stalled(String loop, long millis, StackTraceElement[] at);

    /** {@code loop} ran its task again, {@code millis} ms after it was handed it. */
    void recovered(String loop, long millis);

    /** The watchdog itself, and so everything, did not run for about {@code millis} ms. */
    default void paused(long millis) {
    }
  }

  /** Reports to the log: a warning with the stalled loop's stack, a note when it runs again. */
  public static final Listener LOG_REPORTS = new Listener() {
    @Override
    public void stalled(String loop, long millis, StackTraceElement[] at) {
      LOG.warn("Event loop {} has not run a task for {} ms; it is at:{}", loop, millis,
          Arrays.stream(at).limit(FRAMES).map(f -> "\n\tat " + f).collect(Collectors.joining()));
    }

    @Override
    public void recovered(String loop, long millis) {
      LOG.info("Event loop {} ran again after {} ms", loop, millis);
    }

    @Override
    public void paused(long millis) {
      LOG.info("The server did not run for about {} ms (a stop-the-world collection, or the"
          + " process or its machine stopped)", millis);
    }
  };

  /** One loop's heartbeat: handed to the loop, it notes that the loop runs. */
  private final class Beat implements Runnable {
    private final EventExecutor loop;
    private volatile Thread thread;
    /** When the heartbeat was handed to the loop (watchdog clock), 0 when it has run. */
    private volatile long pendingSince;
    /** Whether the wait now pending was reported (watchdog thread only). */
    private boolean reported;
    /** The report the loop owes for a reported wait, read by the loop's run. */
    private volatile boolean owesRecovery;

    Beat(EventExecutor loop) {
      this.loop = loop;
    }

    @Override
    public void run() {
      thread = Thread.currentThread();
      long since = pendingSince;
      if (owesRecovery) {
        owesRecovery = false;
        listener.recovered(name(), TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - since));
      }
      pendingSince = 0;
    }

    String name() {
      Thread t = thread;
      return t != null ? t.getName() : loop.toString();
    }
  }

  /** The watchdog's clock ({@link System#nanoTime} but for tests). */
  interface Clock {
    long nanoTime();
  }

  private final List<Beat> beats = new ArrayList<>();
  private final long periodNanos;
  private final long thresholdNanos;
  private final Listener listener;
  private final Clock clock;
  private final ScheduledExecutorService thread;
  private long lastTick;
  private volatile long pauses;
  private volatile long stalls;

  /**
   * Watches every loop of {@code groups} from now on, every {@code periodMillis} ms, reporting a
   * loop that has not run a task for {@code thresholdMillis} ms to {@code listener}.
   */
  @SafeVarargs
  public static LoopWatchdog start(long periodMillis, long thresholdMillis, Listener listener,
      Iterable<EventExecutor>... groups) {
    return new LoopWatchdog(periodMillis, thresholdMillis, listener, System::nanoTime, true,
        groups);
  }

  @SafeVarargs
  LoopWatchdog(long periodMillis, long thresholdMillis, Listener listener, Clock clock,
      boolean scheduled, Iterable<EventExecutor>... groups) {
    if (periodMillis <= 0 || thresholdMillis < periodMillis) {
      throw new IllegalArgumentException("period " + periodMillis + " ms, threshold "
          + thresholdMillis + " ms");
    }
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
    this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
    this.listener = listener;
    this.clock = clock;
    for (Iterable<EventExecutor> group : groups) {
      for (EventExecutor loop : group) {
        beats.add(new Beat(loop));
      }
    }
    if (scheduled) {
      thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rivulet-watchdog");
        t.setDaemon(true);
        return t;
      });
      thread.scheduleWithFixedDelay(() -> tick(clock.nanoTime()), periodMillis, periodMillis,
          TimeUnit.MILLISECONDS);
    } else {
      thread = null;
    }
  }

  /** One look at every loop, at {@code now} on the watchdog's clock (the watchdog's thread). */
  void tick(long now) {
    boolean paused = lastTick != 0 && now - lastTick > periodNanos + thresholdNanos;
    if (paused) {
      pauses++;
      listener.paused(TimeUnit.NANOSECONDS.toMillis(now - lastTick - periodNanos));
    }
    lastTick = now;
    for (Beat b : beats) {
      long since = b.pendingSince;
      if (since == 0) {
        b.reported = false;
        b.owesRecovery = false;
        b.pendingSince = now;
        if (!b.loop.isShuttingDown()) {
          b.loop.execute(b);
        }
      } else if (paused && !b.reported) {
        b.pendingSince = now; // the loop was stopped with everything else: start its wait again
      } else if (!b.reported && now - since > thresholdNanos && !b.loop.isShuttingDown()) {
        b.reported = true;
        b.owesRecovery = true;
        stalls++;
        Thread t = b.thread;
        listener.stalled(b.name(), TimeUnit.NANOSECONDS.toMillis(now - since),
            t != null ? t.getStackTrace() : new StackTraceElement[0]);
      }
    }
  }

  /** Stalls reported so far. */
  public long stalls() {
    return stalls;
  }

  /** Times the watchdog found itself stopped (and so every loop) for longer than the threshold. */
  public long pauses() {
    return pauses;
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
