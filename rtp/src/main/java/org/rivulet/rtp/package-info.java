/**
 * RTP wire views over Netty {@code ByteBuf}s (RFC 3550), parsed in place.
 *
 * <p>Conventions shared with {@code org.rivulet.rtp.ext} and {@code org.rivulet.rtcp}:
 * <ul>
 *   <li>Views never own buffers: they neither retain nor release, and say so. Whoever received the
 *       buffer releases it, after the last view of it is dropped.
 *   <li>Parsers check every declared length against the bytes present, return {@code null} (or a
 *       drop reason) for bad input and never throw on it; exceptions mean caller bugs.
 *   <li>SSRCs and CSRCs are {@code int}s holding the raw 32 bits (they are names, not numbers);
 *       unsigned 32-bit quantities used in arithmetic (timestamps, counters) are {@code long}s;
 *       16-bit sequence numbers are {@code int}s in 0..65535.
 *   <li>Offsets returned by views are absolute indices into the view's buffer.
 * </ul>
 */
package org.rivulet.rtp;
