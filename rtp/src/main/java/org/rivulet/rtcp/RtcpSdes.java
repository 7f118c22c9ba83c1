package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Source description, PT=202 (RFC 3550 section 6.5): one chunk per source, each a list of
 * type-length-value items (CNAME being the one WebRTC uses) ended by a null octet and padded with
 * null octets to the next 32-bit boundary.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |  chunk 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    CNAME=1    |     length    | user and domain name ...      |  items
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ...      |    END=0      |  null octets to a 32-bit boundary
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_2 ...                      |  chunk 2
 * </pre>
 * Item values are kept as bytes (RFC 3550 says UTF-8, but the wire may carry anything, and a value
 * must write back exactly as it was read); {@link Item#text()} decodes them. Bytes after the last
 * chunk are ignored.
 *
 * @param chunks at most {@value #MAX_CHUNKS}
 */
public record RtcpSdes(List<Chunk> chunks) implements RtcpPacket {

  /** The 5-bit SC field's limit. */
  public static final int MAX_CHUNKS = 31;

  /**
   * Items accepted per chunk. RFC 3550 defines eight item types, only PRIV may repeat, and WebRTC
   * sends one CNAME; the cap keeps a hostile chunk of two-byte items from becoming thousands of
   * objects.
   */
  public static final int MAX_ITEMS_PER_CHUNK = 16;

  /** Item type ending a chunk's item list. */
  public static final int END = 0;
  /** Canonical end-point identifier (RFC 3550 section 6.5.1). */
  public static final int CNAME = 1;
  /** User name (section 6.5.2). */
  public static final int NAME = 2;
  /** Electronic mail address (section 6.5.3). */
  public static final int EMAIL = 3;
  /** Phone number (section 6.5.4). */
  public static final int PHONE = 4;
  /** Geographic user location (section 6.5.5). */
  public static final int LOC = 5;
  /** Application or tool name (section 6.5.6). */
  public static final int TOOL = 6;
  /** Notice or status (section 6.5.7). */
  public static final int NOTE = 7;
  /** Private extensions (section 6.5.8). */
  public static final int PRIV = 8;

  /**
   * Copies the chunk list.
   *
   * @throws IllegalArgumentException if there are more than 31 chunks or the packet would not fit
   *     the length field
   */
  public RtcpSdes {
    chunks = List.copyOf(chunks);
    RtcpHeader.checkRange(chunks.size(), MAX_CHUNKS, "SDES chunks");
    int length = RtcpHeader.LENGTH;
    for (Chunk chunk : chunks) {
      length += chunk.encodedLength();
    }
    RtcpHeader.checkPacketLength(length);
  }

  /** An SDES packet with one chunk holding one CNAME item, as WebRTC endpoints send. */
  public static RtcpSdes cname(int ssrc, String cname) {
    return new RtcpSdes(List.of(new Chunk(ssrc, List.of(Item.cname(cname)))));
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed; {@code count} is SC).
   *
   * @return the packet, or {@code null} if a chunk is missing, an item runs past the body, a chunk
   *     has no END item or more than {@value #MAX_ITEMS_PER_CHUNK} items
   */
  static RtcpSdes parse(ByteBuf buf, int index, int length, int count) {
    int end = index + length;
    int i = index;
    List<Chunk> chunks = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      if (end - i < 4) {
        return null;
      }
      int ssrc = buf.getInt(i);
      i += 4;
      List<Item> items = new ArrayList<>(1);
      while (true) {
        if (i >= end) {
          return null; // no END item
        }
        int type = buf.getUnsignedByte(i);
        if (type == END) {
          // Chunks start on 32-bit boundaries; the null octets up to it belong to this chunk.
          i = index + RtcpHeader.align(i + 1 - index);
          if (i > end) {
            return null;
          }
          break;
        }
        if (end - i < 2) {
          return null;
        }
        int itemLength = buf.getUnsignedByte(i + 1);
        if (itemLength > end - i - 2 || items.size() == MAX_ITEMS_PER_CHUNK) {
          return null;
        }
        byte[] value = new byte[itemLength];
        buf.getBytes(i + 2, value);
        items.add(new Item(type, value));
        i += 2 + itemLength;
      }
      chunks.add(new Chunk(ssrc, items));
    }
    return new RtcpSdes(chunks);
  }

  @Override
  public int packetType() {
    return SDES;
  }

  @Override
  public int encodedLength() {
    int length = RtcpHeader.LENGTH;
    for (Chunk chunk : chunks) {
      length += chunk.encodedLength();
    }
    return length;
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.write(out, chunks.size(), SDES, encodedLength());
    for (Chunk chunk : chunks) {
      chunk.writeTo(out);
    }
  }

  /**
   * The items describing one source.
   *
   * @param ssrc the SSRC or CSRC described
   * @param items at most {@value RtcpSdes#MAX_ITEMS_PER_CHUNK}
   */
  public record Chunk(int ssrc, List<Item> items) {

    /**
     * Copies the item list.
     *
     * @throws IllegalArgumentException if there are more than 16 items
     */
    public Chunk {
      items = List.copyOf(items);
      RtcpHeader.checkRange(items.size(), MAX_ITEMS_PER_CHUNK, "SDES items");
    }

    /** The first CNAME item's text, or {@code null} if there is none. */
    public String cname() {
      for (Item item : items) {
        if (item.type() == CNAME) {
          return item.text();
        }
      }
      return null;
    }

    /** SSRC, items, then 1..4 null octets: the END item and padding to 32 bits. */
    int encodedLength() {
      int length = 4;
      for (Item item : items) {
        length += 2 + item.length();
      }
      return RtcpHeader.align(length + 1);
    }

    void writeTo(ByteBuf out) {
      int start = out.writerIndex();
      out.writeInt(ssrc);
      for (Item item : items) {
        out.writeByte(item.type());
        out.writeByte(item.length());
        out.writeBytes(item.value);
      }
      out.writeZero(start + encodedLength() - out.writerIndex());
    }
  }

  /**
   * One SDES item. The array is copied in and out, so the item stays immutable.
   *
   * @param type 1..255 (0 is END)
   * @param value at most 255 bytes
   */
  public record Item(int type, byte[] value) {

    /**
     * Checks the type and length and copies the value.
     *
     * @throws IllegalArgumentException if the type is not 1..255 or the value longer than 255 bytes
     */
    public Item {
      if (type < 1 || type > 255) {
        throw new IllegalArgumentException("SDES item type " + type);
      }
      RtcpHeader.checkRange(value.length, 255, "SDES item length");
      value = value.clone();
    }

    /** A CNAME item with the UTF-8 bytes of {@code cname}. */
    public static Item cname(String cname) {
      return new Item(CNAME, cname.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the value bytes. */
    @Override
    public byte[] value() {
      return value.clone();
    }

    /** Bytes in the value. */
    public int length() {
      return value.length;
    }

    /** The value decoded as UTF-8 (RFC 3550 section 6.5), malformed bytes replaced. */
    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Item other && type == other.type && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Item[type=" + type + ", text=" + text() + ']';
    }
  }
}
