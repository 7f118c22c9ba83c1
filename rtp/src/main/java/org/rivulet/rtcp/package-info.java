/**
 * RTCP (RFC 3550 section 6, RFC 4585, RFC 5104 and the WebRTC drafts for REMB and transport-wide
 * congestion control): {@link org.rivulet.rtcp.RtcpCompound} validates and splits a compound packet,
 * and one class per packet type, named as its RFC names it, holds the decoded fields and writes them
 * back.
 *
 * <p>Packets are small immutable values with value equality, so that build, write, parse gives back
 * an equal value; the one view is {@link org.rivulet.rtcp.RtcpUnknown}, which keeps packets Rivulet
 * does not interpret as slices of the input. Writers write into a buffer the caller supplies
 * ({@code writeTo}) or allocate one from a given {@code ByteBufAllocator} ({@code encode}), whose
 * ownership passes to the caller. Parsing never takes ownership and never throws on bad input.
 *
 * <p>Every count a packet declares is checked against the bytes present, and lists are capped
 * ({@link org.rivulet.rtcp.RtcpNack#MAX_ITEMS}, {@link org.rivulet.rtcp.RtcpFir#MAX_ENTRIES},
 * {@link org.rivulet.rtcp.RtcpSdes#MAX_ITEMS_PER_CHUNK},
 * {@link org.rivulet.rtcp.RtcpTransportCc#MAX_PACKET_STATUS_COUNT},
 * {@link org.rivulet.rtcp.RtcpCompound#MAX_PACKETS}), so memory and time stay linear in the input.
 */
package org.rivulet.rtcp;
