package org.rivulet.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzzes {@link Rfc4571FrameDecoder} with arbitrary byte streams cut into arbitrary reads, and re-encodes
 * what it decodes with {@link Rfc4571FrameEncoder}. Plain {@code mvn test} replays the inputs in
 * {@code src/test/resources/org/rivulet/transport/tcp/Rfc4571FrameDecoderFuzzTestInputs/decodeChunks/};
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input layout: the first byte chooses how the rest is cut into reads (each read 1 to
 * {@code first byte + 1} bytes long, sizes drawn from a generator seeded with that byte, so 0 feeds a
 * short stream byte by byte; never more than about 256 reads); the rest is the TCP stream. The largest
 * frame (65535 bytes) is left to {@code Rfc4571FrameDecoderTest}: a seed that long would make every
 * fuzzed input that long.
 *
 * <p>Properties, beyond not throwing and not leaking:
 * <ul>
 *   <li>the frames, re-encoded, equal the input's prefix of complete frames without its zero-length
 *       frames (exactly that prefix when it has none), however the stream was cut;
 *   <li>the counters agree with a straightforward walk over the whole stream: frames, zero-length frames,
 *       and one truncation when the stream ends inside a frame.
 * </ul>
 */
class Rfc4571FrameDecoderFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decodeChunks(byte[] input) {
    int cut = input.length == 0 ? 0 : input[0] & 0xFF;
    byte[] stream = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    Reference expected = Reference.walk(stream);

    Rfc4571Counters counters = new Rfc4571Counters();
    EmbeddedChannel decoder = new EmbeddedChannel(new Rfc4571FrameDecoder(counters));
    List<byte[]> frames = new ArrayList<>();
    SplittableRandom sizes = new SplittableRandom(cut);
    // At most about 256 reads: each read is a tracked allocation, and paranoid leak detection makes
    // those slow; long streams are still cut at arbitrary places.
    int minRead = Math.max(1, stream.length / 256);
    boolean direct = false;
    for (int offset = 0; offset < stream.length; ) {
      int size = Math.min(stream.length - offset, Math.max(minRead, sizes.nextInt(1, cut + 2)));
      ByteBuf read = direct
          ? PooledByteBufAllocator.DEFAULT.directBuffer(size).writeBytes(stream, offset, size)
          : Unpooled.copiedBuffer(stream, offset, size);
      direct = !direct;
      decoder.writeInbound(read);
      drain(decoder, frames);
      offset += size;
    }
    decoder.finish(); // end of stream
    drain(decoder, frames);

    assertEquals(expected.frames.size(), frames.size(), "frame count");
    for (int i = 0; i < frames.size(); i++) {
      assertArrayEquals(expected.frames.get(i), frames.get(i), "frame " + i);
    }
    assertEquals(frames.size(), counters.framesDecoded());
    assertEquals(expected.zeroLength, counters.zeroLengthFrames());
    assertEquals(expected.leftover > 0 ? 1 : 0, counters.truncatedAtClose());

    EmbeddedChannel encoder = new EmbeddedChannel(new Rfc4571FrameEncoder());
    ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      encoder.writeOutbound(Unpooled.wrappedBuffer(frame));
      ByteBuf out = encoder.readOutbound();
      reencoded.writeBytes(ByteBufUtil.getBytes(out));
      out.release();
    }
    assertFalse(encoder.finish());
    assertArrayEquals(expected.prefixWithoutEmptyFrames, reencoded.toByteArray());
  }

  private static void drain(EmbeddedChannel decoder, List<byte[]> frames) {
    for (ByteBuf frame; (frame = decoder.readInbound()) != null; ) {
      frames.add(ByteBufUtil.getBytes(frame));
      frame.release();
    }
  }

  /** RFC 4571 read the plain way, over the whole stream at once. */
  private static final class Reference {
    final List<byte[]> frames = new ArrayList<>();
    int zeroLength;
    int leftover;
    byte[] prefixWithoutEmptyFrames;

    static Reference walk(byte[] stream) {
      Reference r = new Reference();
      ByteArrayOutputStream prefix = new ByteArrayOutputStream();
      int at = 0;
      while (stream.length - at >= 2) {
        int length = ((stream[at] & 0xFF) << 8) | (stream[at + 1] & 0xFF);
        if (stream.length - at - 2 < length) {
          break;
        }
        if (length == 0) {
          r.zeroLength++;
        } else {
          r.frames.add(Arrays.copyOfRange(stream, at + 2, at + 2 + length));
          prefix.write(stream, at, 2 + length);
        }
        at += 2 + length;
      }
      r.leftover = stream.length - at;
      r.prefixWithoutEmptyFrames = prefix.toByteArray();
      return r;
    }
  }
}
