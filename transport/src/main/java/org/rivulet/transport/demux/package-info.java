/**
 * RFC 7983 demultiplexing: one port carries STUN, DTLS and SRTP/SRTCP, told apart by the first byte.
 *
 * <p>{@link org.rivulet.transport.demux.FirstByteDemuxHandler} sits at the end of every media channel's
 * pipeline (UDP, or ICE-TCP after the RFC 4571 framing) and hands each datagram to a
 * {@link org.rivulet.transport.demux.StunSink}, {@link org.rivulet.transport.demux.DtlsSink} or
 * {@link org.rivulet.transport.demux.MediaSink}, which the ICE, DTLS and SRTP layers implement; every other
 * datagram is dropped, released and counted in {@link org.rivulet.transport.demux.DemuxCounters} under a
 * {@link org.rivulet.transport.demux.DemuxOutcome}. {@link org.rivulet.transport.demux.RtcpMux} tells RTP
 * from RTCP on a muxed port (RFC 5761 section 4).
 *
 * <p>Threads: everything here runs on the channel's event loop; nothing is shared across loops.
 */
package org.rivulet.transport.demux;
