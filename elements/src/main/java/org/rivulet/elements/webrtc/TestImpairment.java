package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import org.rivulet.transport.demux.PacketKind;
import org.rivulet.transport.demux.RtcpMux;
import org.rivulet.transport.impair.Impairment;
import org.rivulet.transport.impair.ImpairmentHandler;

/**
 * Loss, or a slow link, injected on one endpoint's outgoing RTP media, for tests of loss recovery
 * and congestion against a server process (there is no {@code tc netem} on the test machines). A
 * test tags the endpoint with {@code rivulet.test.impairment = "loss=0.05,seed=7"} (or
 * {@code "rate=300000,queue=100"}: a bottleneck of 300 kbit/s whose queue drops what would wait
 * over 100 ms) before negotiating; it takes effect only when the server runs with
 * {@code RIVULET_TEST_IMPAIRMENT=1}. STUN and DTLS pass untouched. Without a rate, so does RTCP,
 * and the loss hits what NACK/RTX repair and nothing else; with one, RTCP crosses the bottleneck
 * with the RTP, as on a real link, so that the round trip the reports measure includes its queue.
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
    long rate = 0;
    long queueMillis = 100;
    for (String part : value.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("bad " + TAG + " item '" + part + "'");
      }
      switch (kv[0].trim()) {
        case "loss" -> loss = Double.parseDouble(kv[1].trim());
        case "seed" -> seed = Long.parseLong(kv[1].trim());
        case "rate" -> rate = Long.parseLong(kv[1].trim());
        case "queue" -> queueMillis = Long.parseLong(kv[1].trim());
        default -> throw new IllegalArgumentException("unknown " + TAG + " item '" + kv[0] + "'");
      }
    }
    return new ImpairmentHandler(seed, Impairment.NONE, Impairment.NONE.withLoss(loss)
        .withRate(rate, Duration.ofMillis(queueMillis)),
        rate > 0 ? TestImpairment::isRtpOrRtcp : TestImpairment::isRtp);
  }

  /** RTP, not RTCP, STUN or DTLS, by the demultiplexer's own rules (RFC 7983, 5761). */
  private static boolean isRtp(ByteBuf buf) {
    return isRtpOrRtcp(buf) && !RtcpMux.isRtcp(buf);
  }

  private static boolean isRtpOrRtcp(ByteBuf buf) {
    return PacketKind.of(buf) == PacketKind.RTP_OR_RTCP;
  }
}
