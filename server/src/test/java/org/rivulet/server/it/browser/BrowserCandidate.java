package org.rivulet.server.it.browser;

/**
 * One ICE candidate the browser gathered, as {@code RTCPeerConnection.onicecandidate} gives it
 * and as Kurento's {@code IceCandidate} carries it; or the end-of-candidates marker (the event
 * with a null candidate), whose {@code candidate} is null.
 */
public record BrowserCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
  /** Gathering is complete: nothing more will come from this peer connection. */
  public static final BrowserCandidate END_OF_CANDIDATES = new BrowserCandidate(null, null, -1);

  public boolean isEndOfCandidates() {
    return candidate == null;
  }

  /**
   * The connection address: the fifth field of
   * {@code candidate:<foundation> <component> <transport> <priority> <address> <port> typ ...}.
   */
  public String address() {
    if (isEndOfCandidates()) {
      return null;
    }
    String[] fields = candidate.split(" ");
    return fields.length > 4 ? fields[4] : null;
  }

  /** On 127.0.0.1, the only address these tests let media use. */
  public boolean isLoopback() {
    return "127.0.0.1".equals(address());
  }
}
