package org.rivulet.server.it.browser;

/**
 * What one peer connection has received, summed over its {@code inbound-rtp} stats entries, and
 * the ICE candidate pair it selected (addresses null before there is one).
 *
 * <p>Chromium pairs each of its sockets with every remote candidate of the same family, so a socket
 * on another local address (eth0) can reach a peer's 127.0.0.1 candidate: the kernel delivers it
 * locally. The far end then sees a peer-reflexive ({@code prflx}) remote candidate, and Chromium
 * reports a peer-reflexive address as the empty string.
 *
 * <p>Video loss recovery: {@code nackCount} (NACKs the browser sent), {@code
 * retransmittedPacketsReceived} (RTX packets that arrived) and {@code packetsLost} (net of those
 * recovered, as RFC 3550 counts).
 */
public record InboundRtp(long framesDecoded, long videoPacketsReceived, long audioPacketsReceived,
    long audioBytesReceived, long videoNacksSent, long videoRetransmittedReceived,
    long videoPacketsLost, String selectedLocalAddress, String selectedRemoteAddress,
    String selectedRemoteCandidateType) {
}
