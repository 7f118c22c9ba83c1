package org.rivulet.srtp;

import io.netty.buffer.ByteBuf;

/**
 * Gives the crypto a heap array for a region of a {@code ByteBuf}: the buffer's own backing array when it
 * has one (no copy), or a staging array holding a copy otherwise. JCE ciphers are fastest on
 * {@code byte[]}; on direct {@code ByteBuffer}s they are 15-45% slower and allocate 2-3 KB a packet
 * (ARCHITECTURE.md, "Crypto on heap arrays"), so a direct buffer costs two copies instead.
 *
 * <p>Keeps no reference to any buffer between calls. Not thread-safe: one per sender or receiver.
 */
final class HeapStaging {

  private byte[] staging = new byte[1536];

  /**
   * The array holding {@code buf[start, start + length)} at {@link #offset}, with room for
   * {@code capacity} bytes from there. Does not take ownership of {@code buf}; the caller has made
   * sure {@code buf} itself has {@code capacity} bytes from {@code start}.
   */
  byte[] array(ByteBuf buf, int start, int length, int capacity) {
    if (buf.hasArray()) {
      return buf.array();
    }
    if (staging.length < capacity) {
      staging = new byte[Math.max(capacity, staging.length * 2)];
    }
    buf.getBytes(start, staging, 0, length);
    return staging;
  }

  /** Where {@code buf[start]} is in the array {@link #array} returned. */
  static int offset(ByteBuf buf, int start) {
    return buf.hasArray() ? buf.arrayOffset() + start : 0;
  }

  /**
   * After in-place work: copies {@code length} bytes from {@code from} (relative to {@code start}) back
   * into {@code buf} when the work happened in the staging array; nothing to do for a heap buffer.
   */
  static void writeBack(ByteBuf buf, int start, byte[] array, int from, int length) {
    if (!buf.hasArray() && length > 0) {
      buf.setBytes(start + from, array, from, length);
    }
  }
}
