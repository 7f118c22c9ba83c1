package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.ext.ExtensionPackets.withPacket;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;

import org.junit.jupiter.api.Test;

class TransportSequenceNumberTest {

  @Test
  void readsAndRewritesTheDraftFormInPlace() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertEquals(0xabcd, TransportSequenceNumber.read(rtp, ChromeBlock.TRANSPORT_CC));
      assertTrue(TransportSequenceNumber.write(rtp, ChromeBlock.TRANSPORT_CC, 0xffff));
      assertEquals(0xffff, TransportSequenceNumber.read(rtp, ChromeBlock.TRANSPORT_CC));
      assertEquals(0x123456, AbsSendTime.read(rtp, ChromeBlock.ABS_SEND_TIME), "neighbour intact");
      assertEquals("a1", SdesMid.read(rtp, ChromeBlock.MID), "neighbour intact");
    });
  }

  @Test
  void readsTheFourByteFormWithAFeedbackRequest() {
    withPacket("""
        be de 00 02   # 0xBEDE | 2 words
        53 00 07 80 05   # ID=5 L=3: sequence number 7 | T=1 seq count 5 (transport-wide-cc-02)
        00 00 00      # padding
        """, rtp -> {
          assertEquals(7, TransportSequenceNumber.read(rtp, 5));
          assertTrue(TransportSequenceNumber.write(rtp, 5, 8));
          assertArrayEquals(hex("00 08 80 05"), bytes(HeaderExtensions.find(rtp, 5)),
              "feedback request kept");
        });
  }

  @Test
  void elementOfAnotherSizeOrAbsentIsNotRead() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertEquals(-1, TransportSequenceNumber.read(rtp, ChromeBlock.ABS_SEND_TIME), "3 bytes");
      assertFalse(TransportSequenceNumber.write(rtp, ChromeBlock.ABS_SEND_TIME, 1));
      assertEquals(-1, TransportSequenceNumber.read(rtp, 12));
      assertFalse(TransportSequenceNumber.write(rtp, 12, 1));
      assertThrows(IllegalArgumentException.class,
          () -> TransportSequenceNumber.write(rtp, ChromeBlock.TRANSPORT_CC, 0x10000));
    });
  }
}
