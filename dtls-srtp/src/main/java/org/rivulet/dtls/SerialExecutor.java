package org.rivulet.dtls;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: one association's handshake,
 * record draining and closing never overlap, whatever the pool size (the pattern of
 * {@link Executor}'s own javadoc). Bouncy Castle's record layer is not safe for concurrent use.
 *
 * <p>{@link #execute} may be called from any thread.
 */
final class SerialExecutor implements Executor {
  private final Executor delegate;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  /** @throws java.util.concurrent.RejectedExecutionException when the delegate refuses to run */
  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    schedule();
  }

  private void schedule() {
    if (running.compareAndSet(false, true)) {
      try {
        delegate.execute(this::runAll);
      } catch (RuntimeException e) {
        running.set(false);
        throw e;
      }
    }
  }

  private void runAll() {
    try {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    } finally {
      running.set(false);
      // A task added after the last poll but before the flag cleared would otherwise wait forever.
      if (!tasks.isEmpty()) {
        schedule();
      }
    }
  }
}
