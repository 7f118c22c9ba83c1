package org.rivulet.transport.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class LeakDetectionExtensionTest {

  @Test
  void recordsALeakedBuffer() {
    leakOne();
    LeakDetectionExtension.collectPendingReports();
    boolean found = LeakDetectionExtension.reports().stream().anyMatch(r -> r.startsWith("LEAK:"));
    // Clear what we provoked so the class-level check does not fail this deliberate test.
    LeakDetectionExtension.reports().clear();
    assertTrue(found, "the deliberately leaked buffer was not reported");
  }

  @Test
  void releasedBuffersAreNotReported() {
    ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(32);
    buf.writeInt(7);
    buf.release();
    LeakDetectionExtension.collectPendingReports();
    assertFalse(LeakDetectionExtension.reports().stream().anyMatch(r -> r.startsWith("LEAK:")));
  }

  private static void leakOne() {
    ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(32);
    buf.writeLong(42);
    // dropped without release on purpose
  }
}
