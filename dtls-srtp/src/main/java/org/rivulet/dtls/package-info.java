/**
 * DTLS 1.2 for WebRTC on Bouncy Castle's TLS API: the DTLS-SRTP handshake (RFC 5764) in both roles,
 * certificate fingerprints (RFC 8122) checked inside the handshake (RFC 5763 section 5), and the export
 * of the SRTP master keys and salts.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.rivulet.dtls.DtlsCertificate}: the local certificate and key, generated (ECDSA P-256
 *       or RSA 2048) or loaded from PEM; its fingerprint goes in the local SDP.</li>
 *   <li>{@link org.rivulet.dtls.Fingerprint}: parses and formats {@code a=fingerprint} values.</li>
 *   <li>{@link org.rivulet.dtls.DtlsTransport}: one association; {@link org.rivulet.dtls.DtlsConfig}
 *       configures it, {@link org.rivulet.dtls.DtlsListener} and its handshake future report the
 *       {@link org.rivulet.dtls.DtlsState}, the {@link org.rivulet.dtls.DtlsSrtpKeys} or the
 *       {@link org.rivulet.dtls.DtlsFailureReason}.</li>
 *   <li>{@link org.rivulet.dtls.QueueDatagramTransport}: Bouncy Castle's blocking datagram interface over
 *       a bounded queue that the event loop fills.</li>
 *   <li>Package-private: the Bouncy Castle client and server peers, the {@code use_srtp} negotiation, the
 *       cipher suites, the signing credentials, the peer certificate check and the key export.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Bouncy Castle's DTLS API blocks, so handshakes run on an executor supplied by the caller, never on an
 * event loop; the event loop only queues inbound datagrams and writes the outbound ones that the
 * transport hands back. Results arrive on the executor and the caller posts them to the pipeline's loop.
 * Certificate generation and PEM loading are slow too, and run once, off the loop.
 *
 * <h2>Bad input</h2>
 * Whatever the peer sends, no exception escapes to the caller: the record layer ignores what does not
 * parse, and a handshake that goes wrong ends in {@code FAILED} with a reason. No keys exist unless the
 * peer's certificate matched the remote fingerprint and the handshake verified.
 */
package org.rivulet.dtls;
