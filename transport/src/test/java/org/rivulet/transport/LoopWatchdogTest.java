package org.rivulet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopWatchdogTest {
  private static final long MS = 1_000_000L;
  private final EventLoopGroup group = new DefaultEventLoopGroup(1);
  private final List<String> reports = new CopyOnWriteArrayList<>();
  private final List<StackTraceElement[]> stacks = new CopyOnWriteArrayList<>();
  private final LoopWatchdog.Listener listener = new LoopWatchdog.Listener() {
    @Override
    public void stalled(String loop, long millis, StackTraceElement[] at) {
      reports.add("stalled " + millis);
      stacks.add(at);
    }

    @Override
    public void recovered(String loop, long millis) {
      reports.add("recovered " + millis);
    }

    @Override
    public void paused(long millis) {
      pausesReported.add(millis);
    }
  };
  private final List<Long> pausesReported = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** A loop blocked by a task is reported once, with where it is, and again when it runs. */
  @Test
  void aBlockedLoopIsReportedOnceWithItsStackAndAgainWhenItRuns() throws Exception {
    try (LoopWatchdog w = LoopWatchdog.start(20, 200, listener, group)) {
      Thread.sleep(300);
      assertEquals(List.of(), reports, "an idle loop runs its heartbeats");
      CountDownLatch blocked = new CountDownLatch(1);
      group.next().execute(() -> {
        blocked.countDown();
        try {
          Thread.sleep(700);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      blocked.await();
      Thread.sleep(1_000);
      assertEquals(2, reports.size(), reports.toString());
      long stalledMs = Long.parseLong(reports.get(0).substring("stalled ".length()));
      long recoveredMs = Long.parseLong(reports.get(1).substring("recovered ".length()));
      assertTrue(stalledMs > 200 && stalledMs < 700, reports.toString());
      assertTrue(recoveredMs >= 500 && recoveredMs < 1_000, reports.toString());
      assertTrue(Arrays.stream(stacks.get(0)).anyMatch(f -> f.getMethodName().equals("sleep")),
          "the report shows where the loop is: " + Arrays.toString(stacks.get(0)));
      assertEquals(1, w.stalls());
    }
  }

  /**
   * When the watchdog itself ran late (a stop-the-world pause, the process stopped), the loops
   * were stopped too: their waits start again, and only a wait past the threshold after that is a
   * stall. Driven by hand on a clock of its own.
   */
  @Test
  void aPauseOfTheWatchdogItselfIsNotCountedAgainstTheLoops() throws Exception {
    AtomicLong now = new AtomicLong();
    LoopWatchdog w = new LoopWatchdog(100, 500, listener, now::get, false, group);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    w.tick(now.addAndGet(100 * MS)); // a heartbeat that the loop runs
    group.next().submit(() -> { }).get(); // behind it: it has run
    group.next().execute(() -> {
      blocked.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    blocked.await();
    try {
      w.tick(now.addAndGet(100 * MS)); // a heartbeat the blocked loop holds
      w.tick(now.addAndGet(2_000 * MS)); // the watchdog ran 2 s late: a pause, not a stall
      assertEquals(List.of(), reports);
      assertEquals(1, w.pauses());
      assertEquals(List.of(1_900L), pausesReported, "2 s since the last look, 100 ms expected");
      w.tick(now.addAndGet(100 * MS));
      w.tick(now.addAndGet(300 * MS)); // 400 ms of its own since the pause
      assertEquals(List.of(), reports);
      w.tick(now.addAndGet(200 * MS)); // 600 ms
      assertEquals(List.of("stalled 600"), reports);
      w.tick(now.addAndGet(100 * MS));
      assertEquals(1, w.stalls(), "reported once");
    } finally {
      release.countDown();
    }
    group.next().submit(() -> { }).get(); // the heartbeat has run: the loop owes its recovery
    assertEquals(2, reports.size(), reports.toString());
    assertTrue(reports.get(1).startsWith("recovered "), reports.toString());
  }
}
