package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link DtlsListener} that records everything, for tests. Waits are bounded only so that a broken
 * test fails with a message instead of hanging until its {@code @Timeout}; nothing asserts on time.
 */
final class RecordingListener implements DtlsListener {
  private static final long WAIT_SECONDS = 60;

  final List<DtlsState> states = new CopyOnWriteArrayList<>();
  final AtomicReference<DtlsSrtpKeys> keys = new AtomicReference<>();
  final AtomicReference<DtlsFailureReason> failure = new AtomicReference<>();
  final AtomicInteger connectedCalls = new AtomicInteger();
  final BlockingQueue<byte[]> applicationData = new LinkedBlockingQueue<>();
  private final BlockingQueue<DtlsState> changes = new LinkedBlockingQueue<>();

  @Override
  public void onStateChange(DtlsState state) {
    states.add(state);
    changes.add(state);
  }

  @Override
  public void onConnected(DtlsSrtpKeys k) {
    connectedCalls.incrementAndGet();
    keys.set(k);
  }

  @Override
  public void onFailed(DtlsFailureReason reason, Throwable cause) {
    failure.set(reason);
  }

  @Override
  public void onApplicationData(byte[] data) {
    applicationData.add(data);
  }

  /** Waits for the first terminal state (CLOSED or FAILED) and returns it. */
  DtlsState awaitTerminal() throws InterruptedException {
    for (;;) {
      DtlsState s = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(s, "no terminal state; states so far: " + states);
      if (s.isTerminal()) {
        return s;
      }
    }
  }

  /** Waits for CONNECTED, or returns the terminal state that came instead. */
  DtlsState awaitConnectedOrTerminal() throws InterruptedException {
    return await(DtlsState.CONNECTED);
  }

  /** Waits for {@code target}, or returns the terminal state that came instead. */
  DtlsState await(DtlsState target) throws InterruptedException {
    for (;;) {
      DtlsState s = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(s, "no " + target + "; states so far: " + states);
      if (s == target || s.isTerminal()) {
        return s;
      }
    }
  }

  byte[] awaitApplicationData() throws InterruptedException {
    byte[] data = applicationData.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(data, "no application data");
    return data;
  }
}
