package org.rivulet.srtp;

/**
 * What a sender or receiver remembers about one SSRC: the rollover counter and replay window of its
 * SRTP packets, the replay window of its SRTCP packets (receiver) and its next SRTCP index (sender).
 *
 * <p>A receiver creates one only after a packet of that SSRC has authenticated (mediasoup #440: state
 * for unauthenticated SSRCs is a leak an attacker controls). Windows are created on first use, so an
 * SSRC that only sends RTCP carries no RTP window.
 *
 * <p>Not thread-safe: lives in an {@link SrtpStreamMap}, on the owner's event loop.
 */
final class SrtpStreamState {

  final int ssrc;
  private final int windowSize;
  private final RolloverCounter rollover = new RolloverCounter();
  private ReplayWindow rtpWindow;
  private ReplayWindow rtcpWindow;
  /** The SRTCP index of the next packet this sender protects (RFC 3711 section 3.4: starts at 0). */
  private long nextSrtcpIndex;

  SrtpStreamState(int ssrc, int windowSize) {
    this.ssrc = ssrc;
    this.windowSize = windowSize;
  }

  RolloverCounter rollover() {
    return rollover;
  }

  ReplayWindow rtpWindow() {
    if (rtpWindow == null) {
      rtpWindow = new ReplayWindow(windowSize);
    }
    return rtpWindow;
  }

  ReplayWindow rtcpWindow() {
    if (rtcpWindow == null) {
      rtcpWindow = new ReplayWindow(windowSize);
    }
    return rtcpWindow;
  }

  long nextSrtcpIndex() {
    return nextSrtcpIndex;
  }

  void nextSrtcpIndex(long index) {
    this.nextSrtcpIndex = index;
  }
}
