package org.rivulet.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES counter mode with HMAC-SHA1 (RFC 3711 sections 4.1.1 and 4.2; RFC 6188 for AES-256): the
 * AES_CM_128_HMAC_SHA1_80/32 and AES_256_CM_HMAC_SHA1_80/32 profiles.
 *
 * <pre>
 * SRTP:   | header | payload (encrypted)           | tag (10 or 4) |
 *         |&lt;------------ authenticated, then ROC appended ------&gt;|  (RFC 3711 section 4.2)
 * SRTCP:  | header (8) | rest (encrypted) | E|index (4) | tag (10)  |
 *         |&lt;------------- authenticated ------------------&gt;|           (RFC 3711 section 3.4)
 * </pre>
 *
 * <p>Counter mode is the JCE's {@code AES/CTR/NoPadding} with the RFC 3711 IV as its initial counter
 * block. The JCE increments all 128 bits where RFC 3711 increments the low 16; the two agree for any
 * packet under 2^16 blocks (1 MiB), and callers refuse packets over 65535 bytes.
 *
 * <p>Reuses two {@code Cipher} and two {@code Mac} instances (one per session key, so the AES key schedule
 * and the HMAC pads are computed once). Not thread-safe; see {@link SrtpCipher}.
 */
final class AesCmHmacSha1Cipher extends SrtpCipher {

  private static final int HMAC_SHA1_LENGTH = 20;
  private static final int RTCP_HEADER = 8;
  private static final int COUNTER_SALT_LENGTH = 14;
  private static final int E_FLAG = 0x80000000;

  private final Cipher srtpCtr;
  private final Cipher srtcpCtr;
  private final SecretKeySpec srtpKey;
  private final SecretKeySpec srtcpKey;
  private final byte[] srtpSalt;
  private final byte[] srtcpSalt;
  private final Mac srtpMac;
  private final Mac srtcpMac;
  private final int srtpTagLength;
  private final int srtcpTagLength;

  private final byte[] iv = new byte[16];
  private final byte[] digest = new byte[HMAC_SHA1_LENGTH];
  private final byte[] rocBytes = new byte[4];

  AesCmHmacSha1Cipher(SrtpProfile profile, SrtpSessionKeys srtp, SrtpSessionKeys srtcp) {
    if (profile.isAead()) {
      throw new IllegalArgumentException(profile + " is not a counter-mode profile");
    }
    this.srtpTagLength = profile.srtpAuthTagLength();
    this.srtcpTagLength = profile.srtcpAuthTagLength();
    this.srtpKey = new SecretKeySpec(srtp.encryptionKey, "AES");
    this.srtcpKey = new SecretKeySpec(srtcp.encryptionKey, "AES");
    this.srtpSalt = srtp.salt.clone();
    this.srtcpSalt = srtcp.salt.clone();
    try {
      this.srtpCtr = Cipher.getInstance("AES/CTR/NoPadding");
      this.srtcpCtr = Cipher.getInstance("AES/CTR/NoPadding");
      this.srtpMac = Mac.getInstance("HmacSHA1");
      this.srtpMac.init(new SecretKeySpec(srtp.authKey, "HmacSHA1"));
      this.srtcpMac = Mac.getInstance("HmacSHA1");
      this.srtcpMac.init(new SecretKeySpec(srtcp.authKey, "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCE lacks AES/CTR/NoPadding or HmacSHA1", e);
    }
  }

  @Override
  boolean protectRtp(byte[] a, int off, int len, int headerLength, int ssrc, long index) {
    xorKeystream(srtpCtr, srtpKey, srtpSalt, ssrc, index, a, off + headerLength, len - headerLength);
    srtpDigest(a, off, len, index);
    System.arraycopy(digest, 0, a, off + len, srtpTagLength);
    return true;
  }

  @Override
  boolean unprotectRtp(byte[] a, int off, int len, int headerLength, int ssrc, long index) {
    int authenticated = len - srtpTagLength;
    srtpDigest(a, off, authenticated, index);
    if (!tagMatches(digest, a, off + authenticated, srtpTagLength)) {
      return false;
    }
    xorKeystream(srtpCtr, srtpKey, srtpSalt, ssrc, index, a, off + headerLength,
        authenticated - headerLength);
    return true;
  }

  @Override
  boolean protectRtcp(byte[] a, int off, int len, int ssrc, int index) {
    xorKeystream(srtcpCtr, srtcpKey, srtcpSalt, ssrc, index, a, off + RTCP_HEADER, len - RTCP_HEADER);
    putInt(a, off + len, E_FLAG | index);
    int authenticated = len + SrtpProfile.SRTCP_INDEX_LENGTH;
    srtcpDigest(a, off, authenticated);
    System.arraycopy(digest, 0, a, off + authenticated, srtcpTagLength);
    return true;
  }

  @Override
  boolean unprotectRtcp(byte[] a, int off, int len, int ssrc, int index) {
    int authenticated = len - srtcpTagLength;
    srtcpDigest(a, off, authenticated);
    if (!tagMatches(digest, a, off + authenticated, srtcpTagLength)) {
      return false;
    }
    int encrypted = authenticated - SrtpProfile.SRTCP_INDEX_LENGTH - RTCP_HEADER;
    xorKeystream(srtcpCtr, srtcpKey, srtcpSalt, ssrc, index, a, off + RTCP_HEADER, encrypted);
    return true;
  }

  @Override
  int srtcpIndexOffset(int len) {
    return len - srtcpTagLength - SrtpProfile.SRTCP_INDEX_LENGTH;
  }

  /** HMAC-SHA1 over the authenticated portion followed by the 32-bit ROC (RFC 3711 section 4.2). */
  private void srtpDigest(byte[] a, int off, int len, long index) {
    putInt(rocBytes, 0, (int) (index >>> 16));
    srtpMac.update(a, off, len);
    srtpMac.update(rocBytes, 0, rocBytes.length);
    finish(srtpMac);
  }

  /** HMAC-SHA1 over header, encrypted portion and E|index (RFC 3711 section 3.4). */
  private void srtcpDigest(byte[] a, int off, int len) {
    srtcpMac.update(a, off, len);
    finish(srtcpMac);
  }

  private void finish(Mac mac) {
    try {
      mac.doFinal(digest, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 output buffer", e);
    }
  }

  /**
   * XORs the AES-CM keystream for ({@code ssrc}, {@code index}) into {@code a[off, off + len)}. The IV is
   * RFC 3711 section 4.1.1's {@code (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)}:
   * <pre>
   * byte  0  1  2  3 | 4  5  6  7 | 8  9 10 11 12 13 | 14 15
   *       salt       | salt ^ SSRC| salt ^ index (48) | 0  0   (block counter)
   * </pre>
   */
  private void xorKeystream(Cipher ctr, SecretKeySpec key, byte[] salt, int ssrc, long index,
      byte[] a, int off, int len) {
    if (len <= 0) {
      return;
    }
    System.arraycopy(salt, 0, iv, 0, COUNTER_SALT_LENGTH);
    iv[14] = 0;
    iv[15] = 0;
    iv[4] ^= (byte) (ssrc >>> 24);
    iv[5] ^= (byte) (ssrc >>> 16);
    iv[6] ^= (byte) (ssrc >>> 8);
    iv[7] ^= (byte) ssrc;
    iv[8] ^= (byte) (index >>> 40);
    iv[9] ^= (byte) (index >>> 32);
    iv[10] ^= (byte) (index >>> 24);
    iv[11] ^= (byte) (index >>> 16);
    iv[12] ^= (byte) (index >>> 8);
    iv[13] ^= (byte) index;
    byte[] out = work(len);
    try {
      ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      ctr.doFinal(a, off, len, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR/NoPadding refused a valid key, IV or buffer", e);
    }
    System.arraycopy(out, 0, a, off, len);
  }

  /** Compares a tag without an early exit, so timing does not tell how many bytes matched. */
  static boolean tagMatches(byte[] expected, byte[] a, int off, int len) {
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= expected[i] ^ a[off + i];
    }
    return diff == 0;
  }
}
