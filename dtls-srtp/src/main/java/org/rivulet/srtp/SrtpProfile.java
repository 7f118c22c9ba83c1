package org.rivulet.srtp;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SRTP crypto suites Rivulet speaks, with the lengths that follow from them.
 *
 * <p>The constant names are the SDES crypto-suite names of RFC 4568 section 6.2, RFC 6188 and
 * RFC 7714 section 14.1, so {@link #fromSdesName(String)} is a plain name lookup. The DTLS-SRTP
 * protection profile ids come from RFC 5764 section 4.1.2 and RFC 7714 section 14.2; the AES-256
 * counter-mode suites have none (they are negotiated through SDES only).
 *
 * <pre>
 * suite                     key  salt  SRTP tag  SRTCP tag  DTLS-SRTP id
 * AES_CM_128_HMAC_SHA1_80    16   14     10        10        0x0001
 * AES_CM_128_HMAC_SHA1_32    16   14      4        10        0x0002   (SRTCP keeps 80 bits, RFC 5764 4.1.2)
 * AEAD_AES_128_GCM           16   12     16        16        0x0007
 * AEAD_AES_256_GCM           32   12     16        16        0x0008
 * AES_256_CM_HMAC_SHA1_80    32   14     10        10        -
 * AES_256_CM_HMAC_SHA1_32    32   14      4        10        -
 * </pre>
 * (lengths in bytes)
 */
public enum SrtpProfile {
  /** AES-128 counter mode, HMAC-SHA1 truncated to 80 bits (RFC 3711 section 5). */
  AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 10, false),
  /** AES-128 counter mode, HMAC-SHA1 truncated to 32 bits for SRTP and 80 bits for SRTCP. */
  AES_CM_128_HMAC_SHA1_32(0x0002, 16, 14, 4, 10, false),
  /** AES-128-GCM with a 16-byte tag (RFC 7714 section 14.2). */
  AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16, true),
  /** AES-256-GCM with a 16-byte tag (RFC 7714 section 14.2). */
  AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16, true),
  /** AES-256 counter mode, HMAC-SHA1 truncated to 80 bits (RFC 6188). */
  AES_256_CM_HMAC_SHA1_80(-1, 32, 14, 10, 10, false),
  /** AES-256 counter mode, HMAC-SHA1 truncated to 32 bits for SRTP and 80 bits for SRTCP. */
  AES_256_CM_HMAC_SHA1_32(-1, 32, 14, 4, 10, false);

  /** HMAC-SHA1 session authentication key length, n_a = 160 bits (RFC 3711 section 8.2). */
  private static final int HMAC_SHA1_KEY_LENGTH = 20;
  /** The SRTCP E flag and 31-bit index word (RFC 3711 section 3.4). */
  static final int SRTCP_INDEX_LENGTH = 4;

  private static final SrtpProfile[] VALUES = values();

  private final int dtlsProfileId;
  private final int masterKeyLength;
  private final int masterSaltLength;
  private final int srtpAuthTagLength;
  private final int srtcpAuthTagLength;
  private final boolean aead;

  SrtpProfile(int dtlsProfileId, int masterKeyLength, int masterSaltLength, int srtpAuthTagLength,
      int srtcpAuthTagLength, boolean aead) {
    this.dtlsProfileId = dtlsProfileId;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
    this.srtpAuthTagLength = srtpAuthTagLength;
    this.srtcpAuthTagLength = srtcpAuthTagLength;
    this.aead = aead;
  }

  /** The DTLS-SRTP protection profile id, or empty for suites that DTLS-SRTP cannot negotiate. */
  public OptionalInt dtlsProfileId() {
    return dtlsProfileId < 0 ? OptionalInt.empty() : OptionalInt.of(dtlsProfileId);
  }

  /** The SDES (RFC 4568) crypto-suite name: the constant's name. */
  public String sdesName() {
    return name();
  }

  /** Master key length in bytes; also the session encryption key length (KDR 0, same cipher). */
  public int masterKeyLength() {
    return masterKeyLength;
  }

  /** Master salt length in bytes: 14 for counter mode, 12 for GCM. Also the session salt length. */
  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Session authentication key length in bytes: 20 for HMAC-SHA1, 0 for GCM (the tag is GCM's). */
  public int authKeyLength() {
    return aead ? 0 : HMAC_SHA1_KEY_LENGTH;
  }

  /** Bytes of authentication tag at the end of an SRTP packet. */
  public int srtpAuthTagLength() {
    return srtpAuthTagLength;
  }

  /** Bytes of authentication tag in an SRTCP packet. */
  public int srtcpAuthTagLength() {
    return srtcpAuthTagLength;
  }

  /** True for the AES-GCM suites of RFC 7714. */
  public boolean isAead() {
    return aead;
  }

  /** Bytes that protecting an RTP packet adds: the tag. Allocate protect buffers with this tailroom. */
  public int srtpOverhead() {
    return srtpAuthTagLength;
  }

  /** Bytes that protecting an RTCP packet adds: the E flag and index word, plus the tag. */
  public int srtcpOverhead() {
    return SRTCP_INDEX_LENGTH + srtcpAuthTagLength;
  }

  /**
   * Bytes of keying material to export from DTLS for this profile: two master keys and two master
   * salts (RFC 5764 section 4.2).
   */
  public int keyingMaterialLength() {
    return 2 * (masterKeyLength + masterSaltLength);
  }

  /** The profile with this DTLS-SRTP protection profile id, if Rivulet supports it. */
  public static Optional<SrtpProfile> fromDtlsProfileId(int id) {
    for (SrtpProfile p : VALUES) {
      if (p.dtlsProfileId >= 0 && p.dtlsProfileId == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The profile with this SDES crypto-suite name (exact, case-sensitive, as RFC 4568 spells it). */
  public static Optional<SrtpProfile> fromSdesName(String name) {
    for (SrtpProfile p : VALUES) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
