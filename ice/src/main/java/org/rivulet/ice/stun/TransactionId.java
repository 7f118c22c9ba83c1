package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The 96-bit transaction id of a STUN message (RFC 8489 section 5), held as two numbers so that it is
 * cheap to compare and to use as a map key when responses are matched to requests.
 *
 * <pre>
 *  header bytes  8..11   12..19
 *               +-------+----------------+
 *               | high  |      low       |
 *               +-------+----------------+
 * </pre>
 *
 * @param high the first 32 bits, in network byte order
 * @param low the last 64 bits, in network byte order
 */
public record TransactionId(int high, long low) {

  /** Length on the wire, in bytes. */
  public static final int LENGTH = 12;

  /**
   * A fresh id. RFC 8489 section 5 asks for ids that are uniformly and cryptographically random, hence
   * the parameter type; the caller keeps one {@code SecureRandom} per event loop rather than one per call.
   */
  public static TransactionId random(SecureRandom random) {
    return new TransactionId(random.nextInt(), random.nextLong());
  }

  /** The id whose wire form is {@code bytes}, which must be 12 bytes long. */
  public static TransactionId of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a transaction id is 12 bytes, not " + bytes.length);
    }
    long low = 0;
    for (int i = 4; i < LENGTH; i++) {
      low = (low << 8) | (bytes[i] & 0xFF);
    }
    int high = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    return new TransactionId(high, low);
  }

  /** The 12 bytes of the wire form, in a new array. */
  public byte[] toBytes() {
    byte[] bytes = new byte[LENGTH];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) (high >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      bytes[4 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return bytes;
  }

  /** Reads an id at the absolute {@code index}; does not take ownership of {@code buf}. */
  static TransactionId read(ByteBuf buf, int index) {
    return new TransactionId(buf.getInt(index), buf.getLong(index + 4));
  }

  /** Writes the 12 bytes at the writer index; does not take ownership of {@code out}. */
  void write(ByteBuf out) {
    out.writeInt(high);
    out.writeLong(low);
  }

  /** The 24 hex digits of the wire form. */
  @Override
  public String toString() {
    return String.format("%08x%016x", high, low);
  }
}
