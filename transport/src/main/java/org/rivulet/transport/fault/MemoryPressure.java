package org.rivulet.transport.fault;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an event loop can give back when a buffer could not be had: the caches of buffers its
 * owners keep (send histories hold each forwarded packet's read buffer for up to a second), which
 * are worth less than the packets arriving now.
 *
 * <p>Why: with a small {@code -XX:MaxDirectMemorySize}, a loop whose histories hold the limit's
 * worth fails every read after; and a history lets go of its packets only as newer ones arrive,
 * which then never happens. Freeing them on the first failed read turns a dead loop into a few
 * dropped datagrams and NACKs that go unanswered for a moment (RELIABILITY.md B12.139).
 *
 * <p>Threading: register from any thread; {@link #relieve} runs the loop's relievers on that loop,
 * where the caches they free live.
 */
public final class MemoryPressure {
  private static final Map<EventLoop, Set<Runnable>> RELIEVERS = new ConcurrentHashMap<>();

  private MemoryPressure() {
  }

  /**
   * Adds {@code reliever}, run on {@code loop} when memory runs out there.
   *
   * @return what removes it again (call when its owner closes)
   */
  public static Runnable register(EventLoop loop, Runnable reliever) {
    RELIEVERS.compute(loop, (l, set) -> {
      Set<Runnable> s = set == null ? ConcurrentHashMap.newKeySet() : set;
      s.add(reliever);
      return s;
    });
    // A loop with no reliever left leaves the map (tests make loops by the thousand).
    return () -> RELIEVERS.computeIfPresent(loop, (l, set) -> {
      set.remove(reliever);
      return set.isEmpty() ? null : set;
    });
  }

  /**
   * Runs every reliever registered for {@code loop}; call on that loop.
   *
   * @return how many ran
   */
  public static int relieve(EventLoop loop) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("MemoryPressure.relieve must run on its loop");
    }
    Set<Runnable> set = RELIEVERS.get(loop);
    if (set == null) {
      return 0;
    }
    int ran = 0;
    for (Runnable r : set) {
      r.run();
      ran++;
    }
    return ran;
  }
}
