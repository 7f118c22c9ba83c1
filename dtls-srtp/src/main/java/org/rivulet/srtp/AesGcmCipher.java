package org.rivulet.srtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for SRTP and SRTCP (RFC 7714): the AEAD_AES_128_GCM and AEAD_AES_256_GCM profiles.
 *
 * <pre>
 * SRTP:   | header (AAD) | payload (encrypted) | tag (16) |               (RFC 7714 section 8)
 * SRTCP:  | header (8, AAD) | rest (encrypted) | tag (16) | E|index (4, AAD) |   (section 9)
 * </pre>
 *
 * <p>The 12-byte IV is built from the stream and the packet index, never drawn at random
 * (RELIABILITY.md, Pion GHSA-9f3f-wv7r-qc8r):
 * <pre>
 * SRTP  (8.1):  00 00 | SSRC (4) | ROC (4) | SEQ (2)          XOR session salt
 * SRTCP (9.1):  00 00 | SSRC (4) | 00 00 | 0|SRTCP index (31)  XOR session salt
 * </pre>
 * so two packets share an IV only if they share an SSRC and an index; the sender's replay window stops
 * that from happening.
 *
 * <p>Cost: JDK 17's GCM allocates about 1.1 KB per operation inside the JCE, whatever the buffers, and
 * reports a failed tag with an exception (about 1.3 µs a packet under a forged-packet flood). Reuses one
 * {@code Cipher} per session key. Encryption writes in place, which the JCE's GCM does without a copy
 * (40 ns a 1200-byte packet less than through a work array, JDK 17); decryption goes through the work
 * array, because the JCE copies an in-place input before it checks the tag anyway. Not thread-safe; see
 * {@link SrtpCipher}.
 */
final class AesGcmCipher extends SrtpCipher {

  private static final int TAG_LENGTH = 16;
  private static final int IV_LENGTH = 12;
  private static final int RTCP_HEADER = 8;
  private static final int E_FLAG = 0x80000000;

  private final Cipher srtpGcm;
  private final Cipher srtcpGcm;
  private final SecretKeySpec srtpKey;
  private final SecretKeySpec srtcpKey;
  private final byte[] srtpSalt;
  private final byte[] srtcpSalt;

  private final byte[] iv = new byte[IV_LENGTH];
  private final byte[] indexWord = new byte[SrtpProfile.SRTCP_INDEX_LENGTH];

  AesGcmCipher(SrtpProfile profile, SrtpSessionKeys srtp, SrtpSessionKeys srtcp) {
    if (!profile.isAead()) {
      throw new IllegalArgumentException(profile + " is not an AEAD profile");
    }
    this.srtpKey = new SecretKeySpec(srtp.encryptionKey, "AES");
    this.srtcpKey = new SecretKeySpec(srtcp.encryptionKey, "AES");
    this.srtpSalt = srtp.salt.clone();
    this.srtcpSalt = srtcp.salt.clone();
    try {
      this.srtpGcm = Cipher.getInstance("AES/GCM/NoPadding");
      this.srtcpGcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCE lacks AES/GCM/NoPadding", e);
    }
  }

  @Override
  boolean protectRtp(byte[] a, int off, int len, int headerLength, int ssrc, long index) {
    srtpIv(srtpSalt, ssrc, index, iv);
    int payload = len - headerLength;
    try {
      srtpGcm.init(Cipher.ENCRYPT_MODE, srtpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      srtpGcm.updateAAD(a, off, headerLength);
      // In place (see the class comment): the caller left room for the tag.
      srtpGcm.doFinal(a, off + headerLength, payload, a, off + headerLength);
    } catch (InvalidAlgorithmParameterException e) {
      return false; // the JCE refuses to encrypt twice under the IV it has just used
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM refused a valid key or buffer", e);
    }
    return true;
  }

  @Override
  boolean unprotectRtp(byte[] a, int off, int len, int headerLength, int ssrc, long index) {
    srtpIv(srtpSalt, ssrc, index, iv);
    int sealed = len - headerLength;
    byte[] out = work(sealed);
    int written;
    try {
      srtpGcm.init(Cipher.DECRYPT_MODE, srtpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      srtpGcm.updateAAD(a, off, headerLength);
      written = srtpGcm.doFinal(a, off + headerLength, sealed, out, 0);
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM refused a valid key or buffer", e);
    }
    System.arraycopy(out, 0, a, off + headerLength, written);
    return true;
  }

  @Override
  boolean protectRtcp(byte[] a, int off, int len, int ssrc, int index) {
    srtcpIv(srtcpSalt, ssrc, index, iv);
    putInt(indexWord, 0, E_FLAG | index);
    int body = len - RTCP_HEADER;
    int written;
    try {
      srtcpGcm.init(Cipher.ENCRYPT_MODE, srtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      // AAD: the 8-byte header, then the E flag and index word (RFC 7714 section 9.2).
      srtcpGcm.updateAAD(a, off, RTCP_HEADER);
      srtcpGcm.updateAAD(indexWord, 0, indexWord.length);
      written = srtcpGcm.doFinal(a, off + RTCP_HEADER, body, a, off + RTCP_HEADER);
    } catch (InvalidAlgorithmParameterException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM refused a valid key or buffer", e);
    }
    System.arraycopy(indexWord, 0, a, off + RTCP_HEADER + written, indexWord.length);
    return true;
  }

  @Override
  boolean unprotectRtcp(byte[] a, int off, int len, int ssrc, int index) {
    srtcpIv(srtcpSalt, ssrc, index, iv);
    int indexOffset = off + srtcpIndexOffset(len);
    int sealed = len - RTCP_HEADER - SrtpProfile.SRTCP_INDEX_LENGTH;
    byte[] out = work(sealed);
    int written;
    try {
      srtcpGcm.init(Cipher.DECRYPT_MODE, srtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      srtcpGcm.updateAAD(a, off, RTCP_HEADER);
      srtcpGcm.updateAAD(a, indexOffset, SrtpProfile.SRTCP_INDEX_LENGTH);
      written = srtcpGcm.doFinal(a, off + RTCP_HEADER, sealed, out, 0);
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM refused a valid key or buffer", e);
    }
    System.arraycopy(out, 0, a, off + RTCP_HEADER, written);
    return true;
  }

  @Override
  int srtcpIndexOffset(int len) {
    return len - SrtpProfile.SRTCP_INDEX_LENGTH;
  }

  /** The SRTP IV of RFC 7714 section 8.1 for a 48-bit index (ROC and SEQ), into {@code iv}. */
  static void srtpIv(byte[] salt, int ssrc, long index, byte[] iv) {
    iv[0] = salt[0];
    iv[1] = salt[1];
    iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
    iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
    iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
    iv[5] = (byte) (salt[5] ^ ssrc);
    iv[6] = (byte) (salt[6] ^ (index >>> 40));
    iv[7] = (byte) (salt[7] ^ (index >>> 32));
    iv[8] = (byte) (salt[8] ^ (index >>> 24));
    iv[9] = (byte) (salt[9] ^ (index >>> 16));
    iv[10] = (byte) (salt[10] ^ (index >>> 8));
    iv[11] = (byte) (salt[11] ^ index);
  }

  /** The SRTCP IV of RFC 7714 section 9.1 for a 31-bit SRTCP index, into {@code iv}. */
  static void srtcpIv(byte[] salt, int ssrc, int index, byte[] iv) {
    iv[0] = salt[0];
    iv[1] = salt[1];
    iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
    iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
    iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
    iv[5] = (byte) (salt[5] ^ ssrc);
    iv[6] = salt[6];
    iv[7] = salt[7];
    iv[8] = (byte) (salt[8] ^ ((index >>> 24) & 0x7F));
    iv[9] = (byte) (salt[9] ^ (index >>> 16));
    iv[10] = (byte) (salt[10] ^ (index >>> 8));
    iv[11] = (byte) (salt[11] ^ index);
  }
}
