/**
 * RTP header extensions (RFC 8285, one-byte and two-byte forms) read and rewritten in place inside
 * an {@link org.rivulet.rtp.RtpPacket}: {@link org.rivulet.rtp.ext.HeaderExtensions} walks the block
 * with every declared length checked, and one small class per extension gives typed access
 * ({@link org.rivulet.rtp.ext.AbsSendTime}, {@link org.rivulet.rtp.ext.TransportSequenceNumber},
 * {@link org.rivulet.rtp.ext.SdesMid}, {@link org.rivulet.rtp.ext.AudioLevel}).
 *
 * <p>Element IDs are the ones negotiated by SDP {@code a=extmap}; nothing here keeps a mapping from
 * URI to ID. Elements are never added, removed or resized here, since that would move the payload.
 * Nothing retains or releases a buffer.
 */
package org.rivulet.rtp.ext;
