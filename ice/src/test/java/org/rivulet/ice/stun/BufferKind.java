package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * The two kinds of buffer a datagram arrives in: a heap buffer backed by an array, and a pooled direct
 * buffer whose readable bytes start after some other bytes, which catches reads made relative to index 0
 * instead of the reader index. Every buffer returned is owned by the caller, who releases it.
 */
enum BufferKind {
  HEAP {
    @Override
    ByteBuf wrap(byte[] bytes) {
      return Unpooled.wrappedBuffer(bytes.clone());
    }
  },
  DIRECT_AT_OFFSET {
    @Override
    ByteBuf wrap(byte[] bytes) {
      ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(PREFIX + bytes.length + SUFFIX);
      buf.writeBytes(new byte[] {(byte) 0xC1, 0x21, 0x12});
      buf.writeBytes(bytes);
      buf.readerIndex(PREFIX);
      // Bytes after the writer index must not be read either.
      buf.setBytes(buf.writerIndex(), new byte[] {(byte) 0x80, 0x28, 0x00, 0x04}, 0, SUFFIX);
      return buf;
    }
  };

  private static final int PREFIX = 3;
  private static final int SUFFIX = 4;

  /** A buffer whose readable bytes are {@code bytes}; the caller releases it. */
  abstract ByteBuf wrap(byte[] bytes);
}
