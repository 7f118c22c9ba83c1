package org.rivulet.rtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyframesTest {

  private static final boolean KEY = true;
  private static final boolean START = true;
  private static final boolean NO = false;

  static Stream<Arguments> vp8() {
    // RFC 7741 section 4.2 descriptor |X|R|N|S|R|PID|; section 4.3 payload header |Size0|H|VER|P|.
    return Stream.of(
        Arguments.of("key frame: S, PID 0, P = 0, start code 9d 01 2a",
            "10 | 30 01 00 9d 01 2a 80 02 e0 01", KEY, START),
        Arguments.of("inter frame: P = 1", "10 | 31 01 00", NO, START),
        Arguments.of("continuation: S = 0", "00 | 30 01 00", NO, NO),
        Arguments.of("S = 1 in partition 1", "11 | 30", NO, NO),
        Arguments.of("N (non-reference) does not matter", "30 | 30", KEY, START),
        Arguments.of("X with I (two-byte picture id), L, T and K",
            "90 f0 80 01 05 20 | 30 01 00 9d 01 2a", KEY, START),
        Arguments.of("X with a one-byte picture id, inter frame", "90 80 7f | 31", NO, START),
        Arguments.of("X with K alone", "90 10 03 | 30", KEY, START),
        Arguments.of("T and K share one byte", "90 30 43 | 30", KEY, START),
        Arguments.of("X with no extension bits: just the X byte", "90 00 | 30", KEY, START),
        Arguments.of("X but no extension byte", "90", NO, NO),
        Arguments.of("I but no picture id", "90 80", NO, NO),
        Arguments.of("M but the second picture id byte missing", "90 80 80", NO, NO),
        Arguments.of("descriptor fills the payload: no payload header", "90 80 80 01", NO, NO),
        Arguments.of("descriptor only", "10", NO, NO),
        Arguments.of("empty", "", NO, NO));
  }

  static Stream<Arguments> vp9() {
    // draft-ietf-payload-vp9-16 (RFC 9628) section 4.2: |I|P|L|F|B|E|V|Z|, layer byte
    // |TID|U|SID|D|, TL0PICIDX in non-flexible mode, P_DIFF in flexible mode, SS in 4.2.1.
    return Stream.of(
        Arguments.of("keyframe with SS: 640x480, one picture group referring back 1",
            "8e 80 01 | 18 02 80 01 e0 01 04 01 | 82 49 83 42 00", KEY, START),
        Arguments.of("inter picture", "cc 80 02 | 86 00", NO, START),
        Arguments.of("middle packet of a keyframe: B = 0", "80 80 01 | 00 11 22", NO, NO),
        Arguments.of("last packet: E without B", "84 80 01 | 00", NO, NO),
        Arguments.of("no optional fields", "08 | 82", KEY, START),
        Arguments.of("Z does not matter", "09 | 82", KEY, START),
        Arguments.of("SVC non-flexible: spatial layer 0 of a keyframe",
            "a8 05 | 00 | 00 | 82", KEY, START),
        Arguments.of("SVC non-flexible: spatial layer 1 of the same picture",
            "a8 05 | 03 | 00 | 82", NO, START),
        Arguments.of("flexible keyframe: no TL0PICIDX, no P_DIFF", "b8 07 | 00 | 82", KEY, START),
        Arguments.of("flexible inter picture with two P_DIFF", "f8 06 | 20 | 03 04 | 86",
            NO, START),
        Arguments.of("flexible inter picture, P_DIFF missing", "f8 06 | 20", NO, NO),
        Arguments.of("four P_DIFF: at most three allowed", "f8 06 | 20 | 03 05 07 08 | 86", NO, NO),
        Arguments.of("SS with two picture groups, R = 2 and R = 1",
            "8a 01 | 08 02 08 01 02 04 01 | 82", KEY, START),
        Arguments.of("SS claims three layer sizes but the packet ends",
            "8a 01 | 50 02 80 01 e0", NO, NO),
        Arguments.of("SS claims a picture group that is missing", "8a 01 | 08 01", NO, NO),
        Arguments.of("I but no picture id", "88", NO, NO),
        Arguments.of("L but no TL0PICIDX (non-flexible)", "a8 05 00", NO, NO),
        Arguments.of("descriptor only", "08", NO, NO),
        Arguments.of("empty", "", NO, NO));
  }

  static Stream<Arguments> h264() {
    // RFC 6184: NAL header |F|NRI|Type| (5.3), single NAL unit (5.6), STAP-A (5.7.1), FU-A (5.8).
    return Stream.of(
        Arguments.of("single IDR slice", "65 88 84 00", KEY, START),
        Arguments.of("single SPS", "67 42 c0 1f", KEY, START),
        Arguments.of("single PPS", "68 ce 3c 80", NO, START),
        Arguments.of("single non-IDR slice", "41 9a 00", NO, START),
        Arguments.of("single SEI", "06 05", NO, START),
        Arguments.of("a one-byte NAL unit", "65", KEY, START),
        Arguments.of("STAP-A with SPS and PPS",
            "78 | 00 04 67 42 c0 1f | 00 04 68 ce 3c 80", KEY, START),
        Arguments.of("STAP-A with PPS then IDR", "78 | 00 02 68 ce | 00 02 65 88", KEY, START),
        Arguments.of("STAP-A with SEI and a non-IDR slice", "78 | 00 02 06 05 | 00 02 41 9a",
            NO, START),
        Arguments.of("STAP-A unit longer than the packet", "78 | 00 05 67 42 c0 1f", NO, NO),
        Arguments.of("STAP-A unit of size 0", "78 | 00 00 | 00 02 67 42", NO, NO),
        Arguments.of("STAP-A header only", "78", NO, NO),
        Arguments.of("STAP-A with a stray trailing byte", "78 | 00 02 67 42 | 00", NO, NO),
        Arguments.of("FU-A start of an IDR slice", "7c 85 88 84", KEY, START),
        Arguments.of("FU-A start of an SPS", "7c 87 42", KEY, START),
        Arguments.of("FU-A middle of an IDR slice", "7c 05 21", NO, NO),
        Arguments.of("FU-A end of an IDR slice", "7c 45 21", NO, NO),
        Arguments.of("FU-A start of a non-IDR slice", "5c 81 9a", NO, START),
        Arguments.of("FU-A start of NAL type 0", "7c 80 00", NO, NO),
        Arguments.of("FU-A start of a STAP-A: not a NAL unit type", "7c 98 00", NO, NO),
        Arguments.of("FU-A indicator only", "7c", NO, NO),
        Arguments.of("STAP-B (mode 2)", "79 | 00 01 | 00 02 65 88", NO, NO),
        Arguments.of("MTAP16", "7a 00 01 00 04 00 00 00 65 88", NO, NO),
        Arguments.of("FU-B start of an IDR slice", "7d 85 00 01 88", NO, NO),
        Arguments.of("NAL type 0", "60 88", NO, NO),
        Arguments.of("NAL type 30", "7e 88", NO, NO),
        Arguments.of("NAL type 31", "7f 88", NO, NO),
        Arguments.of("empty", "", NO, NO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void vp8(String name, String bytes, boolean keyframe, boolean frameStart) {
    assertEverywhere("VP8", hex(bytes), keyframe, frameStart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void vp9(String name, String bytes, boolean keyframe, boolean frameStart) {
    assertEverywhere("VP9", hex(bytes), keyframe, frameStart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void h264(String name, String bytes, boolean keyframe, boolean frameStart) {
    assertEverywhere("H264", hex(bytes), keyframe, frameStart);
  }

  @Test
  void encodingNamesCompareIgnoringCase() {
    assertEverywhere("vp8", hex("10 30"), KEY, START);
    assertEverywhere("Vp9", hex("08 82"), KEY, START);
    assertEverywhere("h264", hex("65 88"), KEY, START);
  }

  @Test
  void otherEncodingsAreNeverKeyframes() {
    byte[] idr = hex("65 88 84 00");
    for (String name : new String[] {"H265", "AV1", "opus", "VP8 ", "H264X", "", null}) {
      assertEverywhere(name, idr, NO, NO);
      assertEverywhere(name, hex("10 30"), NO, NO);
    }
  }

  @Test
  void rangesOutsideTheBufferAreFalseNotExceptions() {
    ByteBuf buf = pooled(hex("65 88 84 00"));
    try {
      assertTrue(Keyframes.isKeyframeStart("H264", buf, 0, 4));
      int[][] ranges = {{-1, 2}, {0, -1}, {1, 4}, {4, 1}, {5, 0}, {2, Integer.MAX_VALUE},
          {Integer.MAX_VALUE, 1}, {Integer.MIN_VALUE, 2}};
      for (int[] range : ranges) {
        assertFalse(Keyframes.isKeyframeStart("H264", buf, range[0], range[1]));
        assertFalse(Keyframes.isFrameStart("H264", buf, range[0], range[1]));
      }
      assertFalse(Keyframes.isKeyframeStart("H264", buf, 4, 0), "empty range at the end");
      assertFalse(Keyframes.isKeyframeStart("H264", null, 0, 0));
      assertFalse(Keyframes.isFrameStart("VP8", null, 0, 1));
    } finally {
      buf.release();
    }
  }

  @Test
  void bytesAfterTheRangeAreNotRead() {
    // Each payload is cut one field short; the bytes after it would complete it.
    assertCutShort("VP8", "10", "30 01 00");
    assertCutShort("VP8", "90 80", "7f 30");
    assertCutShort("VP9", "08", "82");
    assertCutShort("VP9", "8a 01 | 50 02 80 01 e0", "01 40 00 f0 02 80 01 e0 | 82");
    assertCutShort("H264", "78 00 04 67 42", "c0 1f");
    assertCutShort("H264", "7c", "85 88");
  }

  @Test
  void readsFromTheGivenOffsetNotTheReaderIndex() {
    ByteBuf buf = pooled(hex("41 9a | 10 30 01 00"));
    try {
      buf.readerIndex(1);
      assertTrue(Keyframes.isKeyframeStart("VP8", buf, 2, 4));
      assertFalse(Keyframes.isKeyframeStart("H264", buf, 0, 2));
      assertEquals(1, buf.readerIndex(), "indices untouched");
      assertEquals(6, buf.writerIndex());
    } finally {
      buf.release();
    }
  }

  private static void assertCutShort(String codec, String payload, String after) {
    int cut = hex(payload).length;
    byte[] whole = hex(payload + after);
    ByteBuf buf = pooled(whole);
    try {
      assertTrue(Keyframes.isKeyframeStart(codec, buf, 0, whole.length), codec + " complete");
      assertFalse(Keyframes.isKeyframeStart(codec, buf, 0, cut), codec + " " + payload);
      assertFalse(Keyframes.isFrameStart(codec, buf, 0, cut), codec + " " + payload);
    } finally {
      buf.release();
    }
  }

  /**
   * Checks one payload in three places: between guard bytes of 0x00 and of 0xff (a read outside the
   * range would flip the answer for some vector) and alone in a buffer of exactly its size (a read
   * outside would throw).
   */
  private static void assertEverywhere(String codec, byte[] payload, boolean key, boolean start) {
    for (int guard : new int[] {0x00, 0xff}) {
      ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(payload.length + 6);
      try {
        for (int i = 0; i < 3; i++) {
          buf.writeByte(guard);
        }
        buf.writeBytes(payload);
        for (int i = 0; i < 3; i++) {
          buf.writeByte(guard);
        }
        assertEquals(key, Keyframes.isKeyframeStart(codec, buf, 3, payload.length), "keyframe");
        assertEquals(start, Keyframes.isFrameStart(codec, buf, 3, payload.length), "frame start");
      } finally {
        buf.release();
      }
    }
    ByteBuf exact = PooledByteBufAllocator.DEFAULT.directBuffer(payload.length, payload.length);
    try {
      exact.writeBytes(payload);
      assertEquals(key, Keyframes.isKeyframeStart(codec, exact, 0, payload.length), "keyframe");
      assertEquals(start, Keyframes.isFrameStart(codec, exact, 0, payload.length), "frame start");
    } finally {
      exact.release();
    }
  }
}
