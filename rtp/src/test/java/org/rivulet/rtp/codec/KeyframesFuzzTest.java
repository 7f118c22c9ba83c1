package org.rivulet.rtp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Asks {@link Keyframes} about arbitrary bytes under arbitrary encoding names. It must never throw,
 * and its answers must depend on the payload bytes alone: the same payload between guard bytes of
 * 0x00, between guard bytes of 0xff, and alone in a buffer of exactly its size (where any read
 * outside would throw) gives the same answers, and the buffer comes back unchanged. A keyframe
 * start is always a frame start; encodings other than VP8, VP9 and H264 are never either.
 *
 * <p>Input layout: the first byte picks the encoding name (below 0x80: an entry of {@link #NAMES};
 * otherwise a name made of the next {@code (byte & 0x0f)} bytes), the rest is the payload. Inputs:
 * {@code src/test/resources/org/rivulet/rtp/codec/KeyframesFuzzTestInputs/classify/}.
 */
class KeyframesFuzzTest {

  private static final String[] NAMES = {
    "VP8", "VP9", "H264", "vp8", "vp9", "h264", "H265", "AV1", "opus", "", null
  };
  private static final int GUARD = 5;

  @FuzzTest(maxDuration = "60s")
  void classify(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int selector = data[0] & 0xff;
    int start = 1;
    String name;
    if (selector < 0x80) {
      name = NAMES[selector % NAMES.length];
    } else {
      int nameLength = Math.min(selector & 0x0f, data.length - 1);
      name = new String(data, 1, nameLength, StandardCharsets.ISO_8859_1);
      start += nameLength;
    }
    byte[] payload = Arrays.copyOfRange(data, start, data.length);

    boolean keyframe = answer(name, payload, 0x00, true);
    boolean frameStart = answer(name, payload, 0x00, false);
    assertEquals(keyframe, answer(name, payload, 0xff, true), "keyframe, 0xff guards");
    assertEquals(frameStart, answer(name, payload, 0xff, false), "frame start, 0xff guards");
    assertEquals(keyframe, exact(name, payload, true), "keyframe, exact buffer");
    assertEquals(frameStart, exact(name, payload, false), "frame start, exact buffer");

    assertTrue(!keyframe || frameStart, "a keyframe start is a frame start");
    String upper = name == null ? null : name.toUpperCase(Locale.ROOT);
    boolean known = "VP8".equals(upper) || "VP9".equals(upper) || "H264".equals(upper);
    if (!known) {
      assertFalse(frameStart, "unknown encoding " + name);
    }
  }

  private static boolean answer(String name, byte[] payload, int guard, boolean keyframe) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(payload.length + 2 * GUARD);
    try {
      for (int i = 0; i < GUARD; i++) {
        buf.writeByte(guard);
      }
      buf.writeBytes(payload);
      for (int i = 0; i < GUARD; i++) {
        buf.writeByte(guard);
      }
      byte[] before = ByteBufUtil.getBytes(buf);
      int readerIndex = buf.readerIndex();
      int writerIndex = buf.writerIndex();
      boolean result = keyframe
          ? Keyframes.isKeyframeStart(name, buf, GUARD, payload.length)
          : Keyframes.isFrameStart(name, buf, GUARD, payload.length);
      assertArrayEquals(before, ByteBufUtil.getBytes(buf), "bytes untouched");
      assertEquals(readerIndex, buf.readerIndex());
      assertEquals(writerIndex, buf.writerIndex());
      return result;
    } finally {
      buf.release();
    }
  }

  private static boolean exact(String name, byte[] payload, boolean keyframe) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(payload.length, payload.length);
    try {
      buf.writeBytes(payload);
      return keyframe
          ? Keyframes.isKeyframeStart(name, buf, 0, payload.length)
          : Keyframes.isFrameStart(name, buf, 0, payload.length);
    } finally {
      buf.release();
    }
  }
}
