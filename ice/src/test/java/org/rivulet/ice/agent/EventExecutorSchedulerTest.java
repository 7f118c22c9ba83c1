package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The production {@link Scheduler} over a Netty event loop, on an EmbeddedChannel's simulated time. */
class EventExecutorSchedulerTest {

  @Test
  @DisplayName("tasks run when their time comes, cancelled ones never; the clock is the given one")
  void schedulesOnTheLoop() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    long[] fakeNow = {42};
    Scheduler scheduler = new EventExecutorScheduler(channel.eventLoop(), () -> fakeNow[0]);
    List<String> ran = new ArrayList<>();
    scheduler.schedule(() -> ran.add("a"), 100, TimeUnit.MILLISECONDS);
    Scheduler.Cancellable b = scheduler.schedule(() -> ran.add("b"), 200, TimeUnit.MILLISECONDS);
    scheduler.schedule(() -> ran.add("c"), 300, TimeUnit.MILLISECONDS);
    b.cancel();
    channel.advanceTimeBy(150, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertEquals(List.of("a"), ran);
    channel.advanceTimeBy(1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertEquals(List.of("a", "c"), ran);
    assertEquals(42, scheduler.nanoTime());
    assertTrue(scheduler.inEventLoop(), "the embedded loop treats its caller as the loop");
    assertFalse(channel.finish());
  }

  @Test
  @DisplayName("the default clock is System.nanoTime")
  void defaultClock() {
    EmbeddedChannel channel = new EmbeddedChannel();
    long before = System.nanoTime();
    long now = new EventExecutorScheduler(channel.eventLoop()).nanoTime();
    assertTrue(now - before >= 0);
    assertFalse(channel.finish());
  }
}
