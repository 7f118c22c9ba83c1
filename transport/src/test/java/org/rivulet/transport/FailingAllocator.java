package org.rivulet.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's pooled allocator, except that the next {@link #failNext} direct allocations throw the
 * {@link OutOfMemoryError} a full direct memory throws: a channel given it
 * ({@code config().setAllocator}) meets a full {@code -XX:MaxDirectMemorySize} on cue.
 */
public final class FailingAllocator extends AbstractByteBufAllocator {
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  public FailingAllocator() {
    super(true);
  }

  /** The next {@code n} direct allocations fail. */
  public void failNext(int n) {
    failures.set(n);
  }

  /** Direct allocations that failed so far. */
  public int failed() {
    return failed.get();
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return PooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failed.incrementAndGet();
      throw new OutOfMemoryError("failed to allocate " + initialCapacity
          + " byte(s) of direct memory (test)");
    }
    return PooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return true;
  }
}
