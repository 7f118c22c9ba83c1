package org.rivulet.rtp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Byte helpers for the rtp module's tests: hex text blocks with comments, and pooled buffers (which
 * the paranoid leak detector tracks, unlike {@code Unpooled.wrappedBuffer}).
 */
public final class TestBytes {

  private TestBytes() {}

  /**
   * Decodes a hex text block. {@code #} starts a comment that runs to the end of the line; spaces,
   * line breaks and {@code |} separators are ignored.
   */
  public static byte[] hex(String text) {
    StringBuilder digits = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int comment = line.indexOf('#');
      String data = comment >= 0 ? line.substring(0, comment) : line;
      for (char c : data.toCharArray()) {
        if (Character.digit(c, 16) >= 0) {
          digits.append(c);
        } else if (!Character.isWhitespace(c) && c != '|') {
          throw new IllegalArgumentException("not hex: '" + c + "' in " + line);
        }
      }
    }
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + digits);
    }
    return ByteBufUtil.decodeHexDump(digits);
  }

  /** A new pooled direct buffer holding {@code bytes}; the caller releases it. */
  public static ByteBuf pooled(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
    buf.writeBytes(bytes);
    return buf;
  }

  /** A new pooled heap buffer holding {@code bytes}; the caller releases it. */
  public static ByteBuf pooledHeap(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length);
    buf.writeBytes(bytes);
    return buf;
  }

  /** A copy of the readable bytes, indices unchanged. */
  public static byte[] bytes(ByteBuf buf) {
    return ByteBufUtil.getBytes(buf);
  }
}
