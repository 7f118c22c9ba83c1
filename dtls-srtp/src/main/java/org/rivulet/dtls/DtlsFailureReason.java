package org.rivulet.dtls;

/** Why a DTLS association ended in {@link DtlsState#FAILED} (or, for CANCELLED, never connected). */
public enum DtlsFailureReason {
  /**
   * The peer's end-entity certificate matches none of the remote SDP's {@code a=fingerprint} values
   * (RFC 8122 section 5, RFC 5763 section 5). This side sent a bad_certificate alert.
   */
  FINGERPRINT_MISMATCH,
  /** The peer sent no certificate (an empty Certificate message). WebRTC requires one on both sides. */
  NO_PEER_CERTIFICATE,
  /**
   * No SRTP protection profile in common, no {@code use_srtp} extension, or a server choice that the
   * client did not offer (RFC 5764 section 4.1.2).
   */
  NO_SRTP_PROFILE,
  /** The handshake did not finish within the configured handshake timeout. */
  TIMEOUT,
  /** The peer sent a fatal alert. */
  ALERT,
  /**
   * This side sent a fatal alert for any other reason: a malformed or unexpected message, no common
   * cipher suite, a bad signature or Finished.
   */
  PROTOCOL_ERROR,
  /** {@link DtlsTransport#close()} was called before the handshake finished; the state is CLOSED. */
  CANCELLED,
  /** An unexpected exception: a bug here or in Bouncy Castle. Logged at warn level. */
  INTERNAL_ERROR
}
