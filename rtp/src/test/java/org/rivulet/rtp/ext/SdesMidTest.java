package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.ext.ExtensionPackets.withPacket;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdesMidTest {

  @Test
  void readsMatchesAndRewritesInPlace() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertEquals("a1", SdesMid.read(rtp, ChromeBlock.MID));
      assertTrue(SdesMid.matches(rtp, ChromeBlock.MID, "a1".getBytes(StandardCharsets.US_ASCII)));
      assertFalse(SdesMid.matches(rtp, ChromeBlock.MID, "a2".getBytes(StandardCharsets.US_ASCII)));
      assertFalse(SdesMid.matches(rtp, ChromeBlock.MID, "a".getBytes(StandardCharsets.US_ASCII)));
      assertTrue(SdesMid.write(rtp, ChromeBlock.MID, "b2"));
      assertEquals("b2", SdesMid.read(rtp, ChromeBlock.MID));
      assertFalse(SdesMid.write(rtp, ChromeBlock.MID, "abc"), "would change the size");
      assertEquals("b2", SdesMid.read(rtp, ChromeBlock.MID));
    });
  }

  @Test
  void absentOrEmptyMidReadsAsNull() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertNull(SdesMid.read(rtp, 7));
      assertFalse(SdesMid.matches(rtp, 7, new byte[0]));
      assertFalse(SdesMid.write(rtp, 7, "x"));
    });
    withPacket("""
        10 00 00 01   # two-byte form | 1 word
        09 00 00 00   # ID=9 L=0: an empty MID | padding
        """, rtp -> assertNull(SdesMid.read(rtp, 9)));
  }

  @Test
  void readsTheLongestOneByteMid() {
    withPacket("""
        be de 00 05   # 0xBEDE | 5 words
        4f            # ID=4 L=15: 16 bytes
        30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66   # "0123456789abcdef"
        00 00 00      # padding
        """, rtp -> assertEquals("0123456789abcdef", SdesMid.read(rtp, 4)));
  }
}
