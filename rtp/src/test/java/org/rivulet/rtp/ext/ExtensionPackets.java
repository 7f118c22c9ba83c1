package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;
import org.rivulet.rtp.RtpPacket;

/** Wraps an extension block in an RTP packet for the tests of this package. */
final class ExtensionPackets {

  /** Fixed header with X=1, PT=96, seq 1, timestamp 0, SSRC 1. */
  static final String HEADER = "90 60 00 01  00 00 00 00  00 00 00 01";

  /** Payload after the block, so that reads past the block would see non-zero bytes. */
  static final String PAYLOAD = "98 36 be 88";

  private ExtensionPackets() {}

  /** The bytes of a packet carrying {@code blockHex} (profile, length and data). */
  static byte[] packet(String blockHex) {
    return hex(HEADER + "\n" + blockHex + "\n" + PAYLOAD);
  }

  /**
   * Parses a packet carrying {@code blockHex} from a pooled buffer, runs {@code test} on it and
   * releases the buffer.
   */
  static void withPacket(String blockHex, Consumer<RtpPacket> test) {
    ByteBuf buf = pooled(packet(blockHex));
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp, "test packet must parse");
      test.accept(rtp);
    } finally {
      buf.release();
    }
  }
}
