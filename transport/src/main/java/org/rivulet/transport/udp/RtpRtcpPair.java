package org.rivulet.transport.udp;

import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.Objects;

/**
 * The two channels of plain RTP without rtcp-mux: RTP on an even port, RTCP on the next port (RFC 3550
 * section 11), both bound on the same address and registered on the same event loop.
 *
 * <p>The holder of a pair owns both channels and closes them with {@link #close()}.
 */
public record RtpRtcpPair(DatagramChannel rtp, DatagramChannel rtcp) {

  public RtpRtcpPair {
    Objects.requireNonNull(rtp, "rtp");
    Objects.requireNonNull(rtcp, "rtcp");
  }

  /** The even port RTP is bound to. */
  public int rtpPort() {
    return rtp.localAddress().getPort();
  }

  /** The odd port RTCP is bound to, {@code rtpPort() + 1}. */
  public int rtcpPort() {
    return rtcp.localAddress().getPort();
  }

  /**
   * Closes both channels, freeing both ports; may be called from any thread, more than once. The future
   * completes on the pair's event loop once both are closed.
   */
  public Future<Void> close() {
    Promise<Void> done = rtp.eventLoop().newPromise();
    rtp.close().addListener(first -> rtcp.close().addListener(second -> {
      Throwable cause = first.cause() != null ? first.cause() : second.cause();
      if (cause == null) {
        done.trySuccess(null);
      } else {
        done.tryFailure(cause);
      }
    }));
    return done;
  }
}
