package org.rivulet.dtls;

import java.util.List;
import java.util.Optional;

/**
 * The DTLS-SRTP protection profiles Rivulet negotiates in the {@code use_srtp} extension, with the master
 * key and salt lengths that size the exported keying material. Ids from RFC 5764 section 4.1.2 and
 * RFC 7714 section 14.2; the SRTP side maps an id to its own cipher ({@code SrtpProfile} in
 * {@code org.rivulet.srtp}).
 *
 * <pre>
 * profile                        id      key  salt   (bytes)
 * SRTP_AES128_CM_HMAC_SHA1_80    0x0001   16   14
 * SRTP_AES128_CM_HMAC_SHA1_32    0x0002   16   14
 * SRTP_AEAD_AES_128_GCM          0x0007   16   12
 * SRTP_AEAD_AES_256_GCM          0x0008   32   12
 * </pre>
 */
public enum DtlsSrtpProfile {
  SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
  SRTP_AES128_CM_HMAC_SHA1_32(0x0002, 16, 14),
  SRTP_AEAD_AES_128_GCM(0x0007, 16, 12),
  SRTP_AEAD_AES_256_GCM(0x0008, 32, 12);

  /**
   * Rivulet's order of preference, used when offering (client) and when choosing among the client's
   * offer (server): AEAD first, as it authenticates with one pass and carries a 128-bit tag (RFC 7714
   * section 1), AES-128 before AES-256 because it is cheaper and 128 bits are ample for media; then the
   * mandatory-to-implement AES_CM with an 80-bit tag (RFC 5764 section 4.1.2), and the 32-bit tag last.
   */
  public static final List<DtlsSrtpProfile> PREFERENCE = List.of(
      SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM,
      SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32);

  private static final DtlsSrtpProfile[] VALUES = values();

  private final int id;
  private final int masterKeyLength;
  private final int masterSaltLength;

  DtlsSrtpProfile(int id, int masterKeyLength, int masterSaltLength) {
    this.id = id;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
  }

  /** The SRTPProtectionProfile value on the wire. */
  public int id() {
    return id;
  }

  public int masterKeyLength() {
    return masterKeyLength;
  }

  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Bytes to export: a key and a salt for each direction (RFC 5764 section 4.2). */
  public int keyingMaterialLength() {
    return 2 * (masterKeyLength + masterSaltLength);
  }

  /** The profile with this wire id, if Rivulet supports it. */
  public static Optional<DtlsSrtpProfile> fromId(int id) {
    for (DtlsSrtpProfile p : VALUES) {
      if (p.id == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
