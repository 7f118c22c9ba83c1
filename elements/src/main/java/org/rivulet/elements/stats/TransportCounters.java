package org.rivulet.elements.stats;

/**
 * The endpoint's one ICE/DTLS transport (BUNDLE and rtcp-mux are required, so there is no other):
 * Kurento's {@code RTCTransportStats}.
 *
 * @param bytesSent datagram payload bytes sent (SRTP, SRTCP, DTLS), connectivity checks excluded
 * @param bytesReceived datagram payload bytes received, checks excluded
 * @param active whether media can flow: a pair is selected and DTLS-SRTP is connected
 * @param selectedPair the pair in use, or null before ICE selects one
 */
public record TransportCounters(long bytesSent, long bytesReceived, boolean active,
    IcePairCounters selectedPair) {
  public TransportCounters {
    Counters.nonNegative(bytesSent, "bytesSent");
    Counters.nonNegative(bytesReceived, "bytesReceived");
  }
}
