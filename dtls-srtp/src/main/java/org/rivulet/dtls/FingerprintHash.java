package org.rivulet.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The hash functions of {@code a=fingerprint} that Rivulet accepts: the SHA family of RFC 8122
 * section 5. MD2 and MD5, which the grammar still lists, are refused (RFC 8122 section 5 forbids
 * them), so a remote description that offers only those fails closed rather than going unchecked.
 */
public enum FingerprintHash {
  SHA_1("sha-1", "SHA-1", 20),
  SHA_224("sha-224", "SHA-224", 28),
  SHA_256("sha-256", "SHA-256", 32),
  SHA_384("sha-384", "SHA-384", 48),
  SHA_512("sha-512", "SHA-512", 64);

  private static final FingerprintHash[] VALUES = values();

  private final String sdpName;
  private final String jcaName;
  private final int length;

  FingerprintHash(String sdpName, String jcaName, int length) {
    this.sdpName = sdpName;
    this.jcaName = jcaName;
    this.length = length;
  }

  /** The textual name used in SDP (the IANA "Hash Function Textual Names" registry), lower case. */
  public String sdpName() {
    return sdpName;
  }

  /** Digest length in bytes. */
  public int length() {
    return length;
  }

  /** The digest of {@code data}. Every JDK provides these algorithms; a fresh digest per call. */
  public byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jcaName, e);
    }
  }

  /** The hash function with this SDP name, case-insensitive (ABNF literals are, RFC 5234 2.3). */
  public static Optional<FingerprintHash> fromSdpName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (FingerprintHash h : VALUES) {
      if (h.sdpName.equals(lower)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
