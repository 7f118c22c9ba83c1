package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpSdesTest {

  static final byte[] CNAME = hex("""
      81 ca 00 06   # V=2 P=0 SC=1 | PT=202 | length 6 (28 bytes)
      12 34 56 78   # SSRC
      01 10         # CNAME | length 16
      75 73 65 72 40 65 78 61 6d 70 6c 65 2e 63 6f 6d   # "user@example.com"
      00 00         # END | one null octet to the 32-bit boundary
      """);

  static final byte[] TWO_CHUNKS = hex("""
      82 ca 00 07   # SC=2 | PT=202 | length 7 (32 bytes)
      00 00 00 01   # chunk 1: SSRC 1
      01 04 61 62 63 64   # CNAME "abcd"
      00 00         # END | padding
      00 00 00 02   # chunk 2: SSRC 2
      02 03 62 6f 62   # NAME "bob"
      01 01 78      # CNAME "x"
      00 00 00 00   # END | three null octets
      """);

  @Test
  @DisplayName("RFC 3550 section 6.5.1: one chunk with a CNAME")
  void parsesACname() {
    RtcpSdes sdes = parseSingle(CNAME, RtcpSdes.class);
    assertEquals(RtcpSdes.cname(0x12345678, "user@example.com"), sdes);
    assertEquals("user@example.com", sdes.chunks().get(0).cname());
    assertArrayEquals(CNAME, encode(sdes));
  }

  @Test
  @DisplayName("RFC 3550 section 6.5: two chunks, items padded to 32 bits")
  void parsesTwoChunks() {
    RtcpSdes sdes = parseSingle(TWO_CHUNKS, RtcpSdes.class);
    assertEquals(2, sdes.chunks().size());
    assertEquals("abcd", sdes.chunks().get(0).cname());
    RtcpSdes.Chunk second = sdes.chunks().get(1);
    assertEquals(2, second.ssrc());
    assertEquals(List.of(new RtcpSdes.Item(RtcpSdes.NAME, hex("62 6f 62")),
        RtcpSdes.Item.cname("x")), second.items());
    assertEquals("x", second.cname());
    assertEquals("bob", second.items().get(0).text());
    assertArrayEquals(TWO_CHUNKS, encode(sdes));
  }

  @Test
  void acceptsChunksWithoutItemsAndIgnoresTrailingBytes() {
    RtcpSdes sdes = parseSingle(hex("""
        81 ca 00 03   # SC=1 | PT=202 | length 3 (16 bytes)
        00 00 00 03   # SSRC 3
        00 00 00 00   # END | padding
        ee ee ee ee   # bytes after the last chunk
        """), RtcpSdes.class);
    RtcpSdes.Chunk chunk = sdes.chunks().get(0);
    assertEquals(List.of(), chunk.items());
    assertNull(chunk.cname());
    assertEquals(12, sdes.encodedLength());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("SC=1 and no chunk", hex("""
            81 ca 00 00   # SC=1 | PT=202 | length 0
            """)),
        Arguments.of("31 chunks in a 12-byte packet", hex("""
            9f ca 00 02   # SC=31 | PT=202 | length 2 (12 bytes)
            00 00 00 01   # chunk 1: SSRC
            00 00 00 00   # END | padding; no room for chunk 2
            """)),
        Arguments.of("item length beyond the chunk", hex("""
            81 ca 00 02   # SC=1 | PT=202 | length 2
            00 00 00 01   # SSRC
            01 10 61 62   # CNAME | length 16, 2 bytes present
            """)),
        Arguments.of("item type in the last byte, no length", hex("""
            81 ca 00 02   # SC=1 | PT=202 | length 2
            00 00 00 01   # SSRC
            01 01 61      # CNAME "a"
            07            # NOTE, and its length is missing
            """)),
        Arguments.of("missing END item", hex("""
            81 ca 00 02   # SC=1 | PT=202 | length 2
            00 00 00 01   # SSRC
            01 02 61 62   # CNAME "ab", then the packet ends
            """)),
        Arguments.of("chunk padding eaten by RTCP padding", hex("""
            a1 ca 00 03   # P=1 SC=1 | PT=202 | length 3 (16 bytes)
            00 00 00 01   # SSRC
            01 02 61 62   # CNAME "ab"
            00            # END; the null octets to the boundary are missing...
            00 00 03      # ...because these are RTCP padding, count 3
            """)),
        Arguments.of("17 items in one chunk", hex("81 ca 00 0a  00 00 00 01"
            + "  07 00".repeat(RtcpSdes.MAX_ITEMS_PER_CHUNK + 1) + "  00 00")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 73: SDES items and chunks checked against the bytes")
  void dropsMalformedSdes(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_SDES, reasonFor(packet), name);
  }

  @Test
  void roundTripsLongItemsAndManyChunks() {
    byte[] longest = new byte[255];
    for (int i = 0; i < longest.length; i++) {
      longest[i] = (byte) i;
    }
    List<RtcpSdes.Item> items = new ArrayList<>();
    items.add(new RtcpSdes.Item(RtcpSdes.PRIV, longest));
    for (int type = RtcpSdes.CNAME; type <= RtcpSdes.NOTE; type++) {
      items.add(new RtcpSdes.Item(type, new byte[type]));
    }
    RtcpSdes.Chunk chunk = new RtcpSdes.Chunk(-2, items);
    assertRoundTrip(new RtcpSdes(Collections.nCopies(RtcpSdes.MAX_CHUNKS, chunk)));
    assertRoundTrip(new RtcpSdes(List.of()));
    assertRoundTrip(new RtcpSdes(List.of(new RtcpSdes.Chunk(1, List.of()))));
    for (int length = 0; length < 8; length++) {
      assertRoundTrip(new RtcpSdes(List.of(new RtcpSdes.Chunk(1,
          List.of(new RtcpSdes.Item(RtcpSdes.TOOL, new byte[length]))))));
    }
  }

  @Test
  void itemsAreImmutableValues() {
    byte[] value = hex("61 62");
    RtcpSdes.Item item = new RtcpSdes.Item(RtcpSdes.CNAME, value);
    value[0] = 0;
    assertEquals("ab", item.text());
    item.value()[1] = 0;
    assertEquals("ab", item.text());
    assertEquals(RtcpSdes.Item.cname("ab"), item);
    assertNotEquals(new RtcpSdes.Item(RtcpSdes.NAME, hex("61 62")), item);
    assertEquals("Item[type=1, text=ab]", item.toString());
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpSdes.Item(0, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> new RtcpSdes.Item(256, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> new RtcpSdes.Item(1, new byte[256]));
    RtcpSdes.Item item = RtcpSdes.Item.cname("a");
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpSdes.Chunk(1, Collections.nCopies(RtcpSdes.MAX_ITEMS_PER_CHUNK + 1, item)));
    RtcpSdes.Chunk chunk = new RtcpSdes.Chunk(1, List.of(item));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpSdes(Collections.nCopies(RtcpSdes.MAX_CHUNKS + 1, chunk)));
  }
}
