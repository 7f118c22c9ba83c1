package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.ext.ExtensionPackets.withPacket;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.rtp.RtpPacket;

class HeaderExtensionsTest {

  /** The example block of RFC 8285 section 4.2, with made-up data bytes. */
  private static final String RFC8285_ONE_BYTE = """
      be de 00 03   # 0xBEDE | length=3 words
      10 aa         # ID=1 L=0: 1 byte of data
      21 bb bb      # ID=2 L=1: 2 bytes
      00 00         # 0 (pad) | 0 (pad)
      33 cc cc cc cc   # ID=3 L=3: 4 bytes
      """;

  /** The example block of RFC 8285 section 4.3, with made-up data bytes. */
  private static final String RFC8285_TWO_BYTE = """
      10 00 00 03   # 0x100 | appbits 0 | length=3 words
      01 00         # ID=1 L=0: no data
      02 01 bb      # ID=2 L=1: 1 byte
      00            # 0 (pad)
      03 04 cc cc cc cc   # ID=3 L=4: 4 bytes
      """;

  @Test
  @DisplayName("RFC 8285 section 4.2: one-byte header example")
  void findsElementsOfTheOneByteExample() {
    withPacket(RFC8285_ONE_BYTE, rtp -> {
      assertTrue(HeaderExtensions.isOneByte(rtp));
      assertFalse(HeaderExtensions.isTwoByte(rtp));
      assertTrue(HeaderExtensions.isWellFormed(rtp));
      assertArrayEquals(hex("aa"), bytes(HeaderExtensions.find(rtp, 1)));
      assertArrayEquals(hex("bb bb"), bytes(HeaderExtensions.find(rtp, 2)));
      assertArrayEquals(hex("cc cc cc cc"), bytes(HeaderExtensions.find(rtp, 3)));
      assertNull(HeaderExtensions.find(rtp, 4));
      assertNull(HeaderExtensions.find(rtp, 15));
      assertNull(HeaderExtensions.find(rtp, 200));
      assertEquals(List.of("1@17+1", "2@19+2", "3@24+4"), elements(rtp));
      assertArrayEquals(hex(ExtensionPackets.PAYLOAD), bytes(rtp.payload()));
    });
  }

  @Test
  @DisplayName("RFC 8285 section 4.3: two-byte header example")
  void findsElementsOfTheTwoByteExample() {
    withPacket(RFC8285_TWO_BYTE, rtp -> {
      assertTrue(HeaderExtensions.isTwoByte(rtp));
      assertFalse(HeaderExtensions.isOneByte(rtp));
      assertTrue(HeaderExtensions.isWellFormed(rtp));
      assertArrayEquals(new byte[0], bytes(HeaderExtensions.find(rtp, 1)));
      assertArrayEquals(hex("bb"), bytes(HeaderExtensions.find(rtp, 2)));
      assertArrayEquals(hex("cc cc cc cc"), bytes(HeaderExtensions.find(rtp, 3)));
      assertNull(HeaderExtensions.find(rtp, 4));
      assertEquals(List.of("1@18+0", "2@20+1", "3@24+4"), elements(rtp));
    });
  }

  static Stream<Arguments> blocks() {
    return Stream.of(
        Arguments.of("empty one-byte block", """
            be de 00 00   # 0xBEDE | 0 words
            """, true, List.of()),
        Arguments.of("one-byte element with L=15 crossing the block end", """
            be de 00 01   # 0xBEDE | 1 word
            1f 00 00 00   # ID=1 L=15 wants 16 bytes, 3 left
            """, false, List.of()),
        Arguments.of("elements before a malformed one are kept", """
            be de 00 02   # 0xBEDE | 2 words
            10 aa         # ID=1 L=0
            2f 00 00 00 00 00   # ID=2 L=15 wants 16 bytes, 5 left
            """, false, List.of("1=aa")),
        Arguments.of("one-byte ID 15 stops the walk, garbage after it", """
            be de 00 02   # 0xBEDE | 2 words
            10 aa         # ID=1 L=0
            f0            # ID=15: stop here
            ff ff ff ff ff   # never read
            """, true, List.of("1=aa")),
        Arguments.of("one-byte padding runs", """
            be de 00 02   # 0xBEDE | 2 words
            00 00 00 00 00 00   # padding
            10 aa         # ID=1 L=0
            """, true, List.of("1=aa")),
        Arguments.of("one-byte padding byte with a length nibble is still one byte", """
            be de 00 01   # 0xBEDE | 1 word
            0f            # ID=0: padding, L ignored
            10 aa         # ID=1 L=0
            00            # padding
            """, true, List.of("1=aa")),
        Arguments.of("one-byte element ending exactly at the block end", """
            be de 00 01   # 0xBEDE | 1 word
            e2 01 02 03   # ID=14 L=2: 3 bytes
            """, true, List.of("14=010203")),
        Arguments.of("repeated ID: both visited", """
            be de 00 01   # 0xBEDE | 1 word
            10 aa 10 bb   # ID=1 twice
            """, true, List.of("1=aa", "1=bb")),
        Arguments.of("two-byte length 255 crossing the block end", """
            10 00 00 01   # 0x100 | 1 word
            01 ff 00 00   # ID=1 L=255, 2 bytes left
            """, false, List.of()),
        Arguments.of("two-byte ID in the last byte without its length", """
            10 00 00 01   # 0x100 | 1 word
            01 00         # ID=1 L=0
            00            # padding
            02            # ID=2, no length byte left
            """, false, List.of("1=")),
        Arguments.of("two-byte application bits are ignored", """
            10 0f 00 01   # 0x100 | appbits 0xf | 1 word
            05 01 aa 00   # ID=5 L=1 | padding
            """, true, List.of("5=aa")),
        Arguments.of("two-byte ID 255 with 255 bytes", """
            10 00 00 41   # 0x100 | 65 words = 260 bytes
            ff ff         # ID=255 L=255
            """ + "ab ".repeat(255) + """
            00 00 00      # padding
            """, true, List.of("255=" + "ab".repeat(255))),
        Arguments.of("profile of another extension", """
            12 34 00 01   # profile 0x1234 | 1 word
            10 aa 00 00   # looks like elements, is not
            """, true, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  @DisplayName("RELIABILITY.md B5 item 53: every element length checked against the block")
  void walksBlocksSafely(String name, String block, boolean wellFormed, List<String> expected) {
    withPacket(block, rtp -> {
      assertEquals(wellFormed, HeaderExtensions.isWellFormed(rtp), name);
      List<String> seen = new ArrayList<>();
      assertEquals(wellFormed, HeaderExtensions.forEach(rtp, (id, index, length) -> {
        assertTrue(index >= rtp.extensionOffset()
            && index + length <= rtp.extensionOffset() + rtp.extensionLength(), "inside the block");
        seen.add(id + "=" + ByteBufUtil.hexDump(rtp.buffer(), index, length));
        return true;
      }));
      assertEquals(expected, seen);
      for (int id = 1; id <= 255; id++) {
        String first = firstValue(expected, id);
        ByteBuf found = HeaderExtensions.find(rtp, id);
        assertEquals(first, found == null ? null : ByteBufUtil.hexDump(found), "ID " + id);
      }
    });
  }

  @Test
  void visitorCanStopTheWalk() {
    withPacket(RFC8285_ONE_BYTE, rtp -> {
      List<Integer> ids = new ArrayList<>();
      assertTrue(HeaderExtensions.forEach(rtp, (id, index, length) -> {
        ids.add(id);
        return id < 2;
      }));
      assertEquals(List.of(1, 2), ids);
    });
  }

  @Test
  void packetWithoutExtensionHasNoElements() {
    byte[] packet = hex("80 60 00 01  00 00 00 00  00 00 00 01  aa bb");
    ByteBuf buf = pooled(packet);
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertFalse(HeaderExtensions.isOneByte(rtp));
      assertFalse(HeaderExtensions.isTwoByte(rtp));
      assertTrue(HeaderExtensions.isWellFormed(rtp));
      assertNull(HeaderExtensions.find(rtp, 1));
      assertTrue(HeaderExtensions.forEach(rtp, (id, index, length) -> {
        throw new AssertionError("no elements expected");
      }));
    } finally {
      buf.release();
    }
  }

  @Test
  void rewritesAnElementOfTheSameSizeInPlace() {
    withPacket(RFC8285_ONE_BYTE, rtp -> {
      assertTrue(HeaderExtensions.rewrite(rtp, 3, hex("01 02 03 04")));
      assertArrayEquals(hex("01 02 03 04"), bytes(HeaderExtensions.find(rtp, 3)));
      assertArrayEquals(hex("aa"), bytes(HeaderExtensions.find(rtp, 1)));
      assertArrayEquals(hex("bb bb"), bytes(HeaderExtensions.find(rtp, 2)));
      assertArrayEquals(hex(ExtensionPackets.PAYLOAD), bytes(rtp.payload()));
      assertFalse(HeaderExtensions.rewrite(rtp, 3, hex("01 02 03")), "size differs");
      assertFalse(HeaderExtensions.rewrite(rtp, 4, hex("01")), "absent");
      assertArrayEquals(hex("01 02 03 04"), bytes(HeaderExtensions.find(rtp, 3)));
    });
  }

  @Test
  void idsOutsideTheRfcRangeAreCallerBugs() {
    withPacket(RFC8285_ONE_BYTE, rtp -> {
      assertThrows(IllegalArgumentException.class, () -> HeaderExtensions.find(rtp, 0));
      assertThrows(IllegalArgumentException.class, () -> HeaderExtensions.find(rtp, 256));
      assertThrows(IllegalArgumentException.class,
          () -> HeaderExtensions.rewrite(rtp, -1, new byte[0]));
    });
  }

  private static List<String> elements(RtpPacket rtp) {
    List<String> seen = new ArrayList<>();
    HeaderExtensions.forEach(rtp, (id, index, length) -> seen.add(id + "@" + index + "+" + length));
    return seen;
  }

  private static String firstValue(List<String> expected, int id) {
    for (String element : expected) {
      if (element.startsWith(id + "=")) {
        return element.substring(element.indexOf('=') + 1);
      }
    }
    return null;
  }
}
