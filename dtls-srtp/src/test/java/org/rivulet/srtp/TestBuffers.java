package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers for one test: every buffer handed out is remembered and released exactly once by
 * {@link #releaseAll()} (call it from {@code @AfterEach}), so the leak detector stays quiet.
 */
final class TestBuffers {

  /** How a test packet is held: the kinds the packet path sees. */
  enum Kind {
    HEAP,
    DIRECT,
    POOLED_DIRECT,
    /** A heap buffer whose data starts at a non-zero reader index inside a non-zero array offset. */
    HEAP_SLICE_OFFSET
  }

  private final List<ByteBuf> buffers = new ArrayList<>();

  /** A buffer of {@code kind} whose readable bytes are {@code content}, with {@code tailroom} spare. */
  ByteBuf of(Kind kind, byte[] content, int tailroom) {
    ByteBuf buf;
    switch (kind) {
      case HEAP:
        buf = Unpooled.buffer(content.length + tailroom);
        break;
      case DIRECT:
        buf = Unpooled.directBuffer(content.length + tailroom);
        break;
      case POOLED_DIRECT:
        buf = PooledByteBufAllocator.DEFAULT.directBuffer(content.length + tailroom);
        break;
      case HEAP_SLICE_OFFSET:
        buf = Unpooled.wrappedBuffer(new byte[content.length + tailroom + 40], 7,
            content.length + tailroom + 33);
        buf.clear();
        buf.writerIndex(5);
        buf.readerIndex(5);
        break;
      default:
        throw new AssertionError(kind);
    }
    buf.writeBytes(content);
    buffers.add(buf);
    return buf;
  }

  ByteBuf heap(byte[] content) {
    return of(Kind.HEAP, content, 32);
  }

  /** An empty heap buffer to protect into. */
  ByteBuf empty(int capacity) {
    ByteBuf buf = Unpooled.buffer(capacity);
    buffers.add(buf);
    return buf;
  }

  void releaseAll() {
    for (ByteBuf buf : buffers) {
      assertEquals(1, buf.refCnt(), "a test buffer was released or retained elsewhere");
      buf.release();
    }
    buffers.clear();
  }

  /** The readable bytes, copied. */
  static byte[] readable(ByteBuf buf) {
    return ByteBufUtil.getBytes(buf);
  }
}
