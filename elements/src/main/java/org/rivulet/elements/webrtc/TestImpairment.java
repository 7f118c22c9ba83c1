package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.transport.impair.Impairment;
import org.rivulet.transport.impair.ImpairmentHandler;

/**
 * Loss injected on one endpoint's outgoing RTP media, for tests of loss recovery against a server
 * process (there is no {@code tc netem} on the test machines). A test tags the endpoint with
 * {@code rivulet.test.impairment = "loss=0.05,seed=7"} before negotiating; it takes effect only
 * when the server runs with {@code RIVULET_TEST_IMPAIRMENT=1}. STUN, DTLS and RTCP pass untouched,
 * so the loss hits what NACK/RTX repair and nothing else.
 */
final class TestImpairment {
  static final String TAG = "rivulet.test.impairment";

  private TestImpairment() {
  }

  /** The handler the tag asks for, or null when there is no tag. */
  static ImpairmentHandler fromTag(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    double loss = 0;
    long seed = 1;
    for (String part : value.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("bad " + TAG + " item '" + part + "'");
      }
      switch (kv[0].trim()) {
        case "loss" -> loss = Double.parseDouble(kv[1].trim());
        case "seed" -> seed = Long.parseLong(kv[1].trim());
        default -> throw new IllegalArgumentException("unknown " + TAG + " item '" + kv[0] + "'");
      }
    }
    return new ImpairmentHandler(seed, Impairment.NONE, Impairment.NONE.withLoss(loss),
        TestImpairment::isRtp);
  }

  /** RTP, not RTCP, STUN or DTLS: version 2 and a payload type outside RTCP's range. */
  private static boolean isRtp(ByteBuf buf) {
    int first = buf.readableBytes() > 0 ? buf.getUnsignedByte(buf.readerIndex()) : 0;
    return first >= 128 && first <= 191
        && !RtpPacket.isRtcp(buf, buf.readerIndex(), buf.readableBytes());
  }
}
