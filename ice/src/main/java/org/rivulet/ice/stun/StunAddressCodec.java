package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The address layout shared by MAPPED-ADDRESS (RFC 8489 section 14.1) and XOR-MAPPED-ADDRESS (section
 * 14.2), with the XOR step of the latter.
 *
 * <pre>
 *  +--------+--------+-----------------+
 *  |  0x00  | family |      port       |   family 0x01: IPv4, 4 address bytes (value length 8)
 *  +--------+--------+-----------------+   family 0x02: IPv6, 16 address bytes (value length 20)
 *  |   address (4 or 16 bytes)  ...    |
 *  +-----------------------------------+
 * </pre>
 *
 * <p>For XOR-MAPPED-ADDRESS the port is XORed with the top 16 bits of the magic cookie, an IPv4 address
 * with the cookie, and an IPv6 address with the cookie followed by the transaction id.
 */
final class StunAddressCodec {

  static final int FAMILY_IPV4 = 0x01;
  static final int FAMILY_IPV6 = 0x02;
  static final int IPV4_VALUE_LENGTH = 8;
  static final int IPV6_VALUE_LENGTH = 20;

  private StunAddressCodec() {}

  /**
   * Checks a value before {@link #read} may be called: returns null when it is well formed, otherwise
   * the reason it is not. Reads only inside {@code [index, index + length)}.
   */
  static StunParseError check(ByteBuf buf, int index, int length) {
    if (length < 4) {
      return StunParseError.BAD_ATTRIBUTE_VALUE;
    }
    int family = buf.getUnsignedByte(index + 1);
    if (family == FAMILY_IPV4) {
      return length == IPV4_VALUE_LENGTH ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
    }
    if (family == FAMILY_IPV6) {
      return length == IPV6_VALUE_LENGTH ? null : StunParseError.BAD_ATTRIBUTE_VALUE;
    }
    return StunParseError.BAD_ADDRESS_FAMILY;
  }

  /**
   * Reads a value that {@link #check} accepted. {@code xorWith} is the message's transaction id for
   * XOR-MAPPED-ADDRESS, or null for MAPPED-ADDRESS. Does not take ownership of {@code buf}.
   */
  static InetSocketAddress read(ByteBuf buf, int index, TransactionId xorWith) {
    boolean xor = xorWith != null;
    int port = buf.getUnsignedShort(index + 2);
    if (xor) {
      port ^= StunMessage.MAGIC_COOKIE >>> 16;
    }
    byte[] address;
    if (buf.getUnsignedByte(index + 1) == FAMILY_IPV4) {
      int word = buf.getInt(index + 4);
      address = new byte[4];
      putInt(address, 0, xor ? word ^ StunMessage.MAGIC_COOKIE : word);
    } else {
      int first = buf.getInt(index + 4);
      int second = buf.getInt(index + 8);
      long rest = buf.getLong(index + 12);
      if (xor) {
        first ^= StunMessage.MAGIC_COOKIE;
        second ^= xorWith.high();
        rest ^= xorWith.low();
      }
      address = new byte[16];
      putInt(address, 0, first);
      putInt(address, 4, second);
      putInt(address, 8, (int) (rest >>> 32));
      putInt(address, 12, (int) rest);
    }
    return new InetSocketAddress(toInetAddress(address), port);
  }

  /** The value length for {@code address}: 8 for IPv4, 20 for IPv6. */
  static int valueLength(InetSocketAddress address) {
    return address.getAddress() instanceof Inet4Address ? IPV4_VALUE_LENGTH : IPV6_VALUE_LENGTH;
  }

  /**
   * Writes the value at the writer index, XORed with the cookie and {@code xorWith} unless that is null.
   * Does not take ownership of {@code out}.
   */
  static void write(ByteBuf out, InetSocketAddress address, TransactionId xorWith) {
    boolean xor = xorWith != null;
    byte[] bytes = address.getAddress().getAddress();
    out.writeByte(0);
    out.writeByte(bytes.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
    out.writeShort(xor ? address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16) : address.getPort());
    if (bytes.length == 4) {
      out.writeInt(xor ? getInt(bytes, 0) ^ StunMessage.MAGIC_COOKIE : getInt(bytes, 0));
    } else {
      out.writeInt(xor ? getInt(bytes, 0) ^ StunMessage.MAGIC_COOKIE : getInt(bytes, 0));
      out.writeInt(xor ? getInt(bytes, 4) ^ xorWith.high() : getInt(bytes, 4));
      long rest = ((long) getInt(bytes, 8) << 32) | (getInt(bytes, 12) & 0xFFFF_FFFFL);
      out.writeLong(xor ? rest ^ xorWith.low() : rest);
    }
  }

  /** For the records' constructors: an address with an IP address, so it can be written. */
  static InetSocketAddress requireResolved(InetSocketAddress address, String attribute) {
    Objects.requireNonNull(address, attribute);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException(attribute + " needs a resolved address, not " + address);
    }
    return address;
  }

  private static InetAddress toInetAddress(byte[] address) {
    try {
      // Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as IPv6, where
      // InetAddress.getByAddress would turn it into IPv4 and change the family on re-encoding.
      return address.length == 4
          ? InetAddress.getByAddress(address)
          : Inet6Address.getByAddress(null, address, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address arrays are 4 or 16 bytes long here", e);
    }
  }

  private static int getInt(byte[] bytes, int i) {
    return ((bytes[i] & 0xFF) << 24) | ((bytes[i + 1] & 0xFF) << 16) | ((bytes[i + 2] & 0xFF) << 8)
        | (bytes[i + 3] & 0xFF);
  }

  private static void putInt(byte[] bytes, int i, int value) {
    bytes[i] = (byte) (value >>> 24);
    bytes[i + 1] = (byte) (value >>> 16);
    bytes[i + 2] = (byte) (value >>> 8);
    bytes[i + 3] = (byte) value;
  }
}
