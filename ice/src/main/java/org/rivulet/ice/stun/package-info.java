/**
 * The STUN codec ICE needs (RFC 8489, with the attributes of RFC 8445 section 7.1): decoding and encoding
 * messages, and checking MESSAGE-INTEGRITY (HMAC-SHA1, short-term credentials) and FINGERPRINT.
 *
 * <p>How a datagram is handled:
 * <ol>
 *   <li>{@link org.rivulet.ice.stun.StunDecoder#decode} reads the buffer in place (it takes no ownership)
 *       and returns a {@link org.rivulet.ice.stun.StunParseResult}: a
 *       {@link org.rivulet.ice.stun.StunMessage}, or a {@link org.rivulet.ice.stun.StunParseError} for
 *       the caller to count as a drop reason. Nothing here throws on bad input.
 *   <li>{@link org.rivulet.ice.stun.MessageIntegrity#verify} checks the HMAC against the same buffer with
 *       the key the ICE agent holds; then the buffer can be released.
 *   <li>{@link org.rivulet.ice.stun.StunMessage#successResponse} or
 *       {@link org.rivulet.ice.stun.StunMessage#errorResponse} builds the answer and
 *       {@link org.rivulet.ice.stun.StunEncoder} writes it, with MESSAGE-INTEGRITY and FINGERPRINT, into a
 *       buffer from the channel's allocator that the caller then owns.
 * </ol>
 *
 * <p>Messages and attributes are immutable values that hold no buffer, so a request can be kept in a
 * transaction table after its datagram is gone. Attributes are records named as the RFCs name them
 * ({@link org.rivulet.ice.stun.XorMappedAddress}, {@link org.rivulet.ice.stun.ErrorCode}, ...); anything
 * else is kept as a {@link org.rivulet.ice.stun.RawAttribute}.
 *
 * <p>Why not ice4j's message classes, which {@code LIBRARIES.md} suggests where they fit: they decode from
 * byte arrays and report malformed input by throwing, while Rivulet's parsers read {@code ByteBuf}s in
 * place and return a reason; and the agent built on this package runs on a Netty event loop, which
 * ice4j's socket layer does not.
 *
 * <p>Threads: {@code StunDecoder} and {@code Fingerprint} are stateless. {@code MessageIntegrity} and
 * {@code StunEncoder} keep a {@code Mac} and scratch arrays and belong to one event loop.
 */
package org.rivulet.ice.stun;
