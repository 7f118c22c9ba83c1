package org.rivulet.elements.stats;

import java.util.Objects;
import org.rivulet.ice.agent.CandidatePairState;

/**
 * One ICE candidate pair and what went over it: Kurento's {@code RTCIceCandidatePairStats}.
 *
 * @param local the local candidate
 * @param remote the remote candidate
 * @param state the pair's check-list state
 * @param priority the pair priority (RFC 8445 section 6.1.2.3)
 * @param nominated whether the pair is nominated
 * @param writable whether a check on the pair got a success response
 * @param readable whether a valid check arrived on the pair
 * @param bytesSent datagram payload bytes sent over the pair, connectivity checks excluded
 * @param bytesReceived datagram payload bytes received over the pair, checks excluded
 * @param roundTripTimeSeconds the last connectivity check's round trip, 0 before one
 * @param availableOutgoingBitrate a congestion controller's send estimate in bits per second, 0
 *     when there is none
 * @param availableIncomingBitrate the receive estimate (as sent in REMB) in bits per second, 0
 *     when there is none
 */
public record IcePairCounters(IceCandidateInfo local, IceCandidateInfo remote,
    CandidatePairState state, long priority, boolean nominated, boolean writable,
    boolean readable, long bytesSent, long bytesReceived, double roundTripTimeSeconds,
    double availableOutgoingBitrate, double availableIncomingBitrate) {
  public IcePairCounters {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(state, "state");
    Counters.nonNegative(priority, "priority");
    Counters.nonNegative(bytesSent, "bytesSent");
    Counters.nonNegative(bytesReceived, "bytesReceived");
  }
}
