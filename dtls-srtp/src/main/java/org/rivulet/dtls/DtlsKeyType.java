package org.rivulet.dtls;

/**
 * The key type of a generated {@link DtlsCertificate}; the constant names are the values of Kurento's
 * {@code certificateKeyType} setting ({@code WebRtcEndpoint.conf.ini}).
 */
public enum DtlsKeyType {
  /** ECDSA on NIST P-256 (secp256r1), what browsers generate. Fast to generate. The default. */
  ECDSA,
  /** RSA with a 2048-bit modulus. Generating one takes from tens to hundreds of milliseconds. */
  RSA
}
