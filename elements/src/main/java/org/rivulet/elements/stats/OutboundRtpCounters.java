package org.rivulet.elements.stats;

import java.util.Objects;
import org.rivulet.elements.MediaType;

/**
 * What an endpoint knows about one RTP stream it sends: Kurento's
 * {@code RTCOutboundRTPStreamStats}. The loss figures and the round trip come from the receiver's
 * reports about the stream.
 *
 * @param ssrc this endpoint's SSRC for the stream, 0 to 2^32 - 1
 * @param kind AUDIO or VIDEO; Kurento's getStats filter selects streams by it
 * @param packetsSent RTP packets sent, retransmissions included
 * @param bytesSent RTP payload bytes sent, without headers or padding, retransmissions included
 * @param packetsLost the cumulative loss the receiver last reported; may be negative
 * @param fractionLost the fraction lost the receiver last reported, per 256 (0 to 255)
 * @param feedbackReceived the NACK, FIR and PLI requests received about the stream
 * @param rembBps the bitrate the receiver last announced in a REMB, 0 if none
 * @param targetBitrate the bits per second the stream aims at; Kurento reports its measured send
 *     rate here, which is also the honest figure for a server that forwards without encoding
 * @param roundTripTimeSeconds from the last report block's LSR and DLSR (RFC 3550 section
 *     6.4.1), 0 before the first
 * @param retransmittedPackets packets sent again for NACKs; Kurento has no field for it, kept for
 *     Rivulet's own monitoring
 * @param retransmittedBytes payload bytes sent again for NACKs; likewise not in Kurento's stats
 */
public record OutboundRtpCounters(long ssrc, MediaType kind, long packetsSent, long bytesSent,
    long packetsLost, int fractionLost, RtcpFeedbackCounts feedbackReceived, long rembBps,
    double targetBitrate, double roundTripTimeSeconds, long retransmittedPackets,
    long retransmittedBytes) {
  public OutboundRtpCounters {
    Counters.ssrc(ssrc);
    Counters.rtpKind(kind);
    Counters.nonNegative(packetsSent, "packetsSent");
    Counters.nonNegative(bytesSent, "bytesSent");
    Counters.fractionLost(fractionLost);
    Objects.requireNonNull(feedbackReceived, "feedbackReceived");
    Counters.nonNegative(rembBps, "rembBps");
    Counters.nonNegative(retransmittedPackets, "retransmittedPackets");
    Counters.nonNegative(retransmittedBytes, "retransmittedBytes");
  }
}
