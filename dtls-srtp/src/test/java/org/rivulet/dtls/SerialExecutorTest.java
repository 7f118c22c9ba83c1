package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One association's tasks run one at a time and in order, even on a pool of several threads. */
class SerialExecutorTest {

  @Test
  @Timeout(30)
  void tasksRunInOrderAndNeverOverlap() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialExecutor serial = new SerialExecutor(pool);
      int tasks = 2_000;
      List<Integer> order = new ArrayList<>();
      AtomicInteger running = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(tasks);
      for (int i = 0; i < tasks; i++) {
        int n = i;
        serial.execute(() -> {
          if (running.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
          }
          order.add(n);
          running.decrementAndGet();
          done.countDown();
        });
      }
      done.await();
      assertEquals(0, overlaps.get());
      for (int i = 0; i < tasks; i++) {
        assertEquals(i, order.get(i));
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(10)
  void aThrowingTaskDoesNotStopLaterOnes() throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "serial-executor-test");
      t.setDaemon(true);
      // The failure is the point of the test: keep it out of the build log.
      t.setUncaughtExceptionHandler((thread, e) -> { });
      return t;
    });
    try {
      SerialExecutor serial = new SerialExecutor(pool);
      CountDownLatch ran = new CountDownLatch(1);
      serial.execute(() -> {
        throw new IllegalStateException("task failure for the test");
      });
      serial.execute(ran::countDown);
      ran.await();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(10)
  void rejectionReachesTheCaller() {
    SerialExecutor serial = new SerialExecutor(task -> {
      throw new RejectedExecutionException("shut down");
    });
    assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> { }));
  }
}
