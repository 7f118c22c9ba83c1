/**
 * SRTP and SRTCP (RFC 3711) with AES counter mode and HMAC-SHA1 (RFC 3711, RFC 6188) and with AES-GCM
 * (RFC 7714), on the JDK's own JCE ciphers.
 *
 * <p>Written here rather than taken from a library: the JVM options are {@code byte[]}-based
 * (jitsi-srtp) or run AES outside the JCE, while the JCE on heap arrays gets HotSpot's AES-NI and CLMUL
 * intrinsics and measures at parity with libsrtp built on OpenSSL ({@code PERFORMANCE.md}).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.rivulet.srtp.SrtpProfile}: the crypto suites, their lengths and their DTLS-SRTP and
 *       SDES names.</li>
 *   <li>{@link org.rivulet.srtp.SrtpSender} protects one direction's RTP and RTCP,
 *       {@link org.rivulet.srtp.SrtpReceiver} unprotects the other direction's. Each holds the
 *       per-SSRC state (rollover counter, replay window, SRTCP index) in a bounded table.</li>
 *   <li>{@link org.rivulet.srtp.SrtpResult} says what happened to a packet;
 *       {@link org.rivulet.srtp.SrtpCounters} counts it, per reason.</li>
 *   <li>Package-private: key derivation (RFC 3711 section 4.3), the two cipher families, the replay
 *       window, the rollover counter, the SSRC table and the RTP header length helper.</li>
 * </ul>
 *
 * <h2>Buffers</h2>
 * The API takes Netty {@code ByteBuf}s and never takes ownership of them: the caller releases (or passes
 * on) every buffer it handed in, whatever the result. The crypto itself runs on heap arrays: a heap
 * buffer's backing array is used directly, a direct buffer is copied into a staging array and back.
 *
 * <h2>Threading</h2>
 * A sender or receiver is confined to one thread, the event loop of the pipeline that owns the endpoint.
 * Nothing here locks or publishes state to other threads.
 *
 * <h2>Bad input</h2>
 * Packets are never trusted: every length is checked before it is used, a bad packet yields a
 * {@link org.rivulet.srtp.SrtpResult} other than {@code OK}, and no exception leaves this package
 * because of a packet's content. Per-SSRC state changes only after a packet authenticates (RFC 3711
 * section 3.3).
 */
package org.rivulet.srtp;
