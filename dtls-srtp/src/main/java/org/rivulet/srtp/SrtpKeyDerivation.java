package org.rivulet.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session key derivation of RFC 3711 section 4.3 with a key derivation rate of 0 (keys derived once,
 * as DTLS-SRTP and WebRTC SDES use it), and the AES-CM pseudo-random function of section 4.3.3.
 *
 * <pre>
 *   key_id = label || r            r = index DIV kdr = 0 (48 bits) when kdr is 0
 *   x      = key_id XOR master_salt   (key_id right-aligned in the 112-bit salt: the label is byte 7)
 *   key    = AES-CM(master_key, IV = x * 2^16) keystream, first n bytes
 * </pre>
 *
 * The AES-256 suites use the same function with a 256-bit master key (RFC 6188, AES_256_CM_PRF). The GCM
 * suites use it too (RFC 7714 section 11) with a 96-bit master salt, which fills the first 12 bytes of
 * x and leaves the last two zero, as libsrtp does.
 *
 * <p>Runs once per key, never on the packet path; stateless and thread-safe.
 */
final class SrtpKeyDerivation {

  // Key derivation labels, RFC 3711 section 4.3.2.
  static final int LABEL_SRTP_ENCRYPTION = 0x00;
  static final int LABEL_SRTP_AUTH = 0x01;
  static final int LABEL_SRTP_SALT = 0x02;
  static final int LABEL_SRTCP_ENCRYPTION = 0x03;
  static final int LABEL_SRTCP_AUTH = 0x04;
  static final int LABEL_SRTCP_SALT = 0x05;

  /** x is 112 bits; the AES block adds the 16-bit block counter. */
  private static final int X_LENGTH = 14;
  private static final int LABEL_POSITION = 7;

  private SrtpKeyDerivation() {}

  /** The SRTP session keys for {@code profile} from a master key and salt. */
  static SrtpSessionKeys srtpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    return derive(profile, masterKey, masterSalt, LABEL_SRTP_ENCRYPTION, LABEL_SRTP_AUTH,
        LABEL_SRTP_SALT);
  }

  /** The SRTCP session keys for {@code profile} from a master key and salt. */
  static SrtpSessionKeys srtcpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    return derive(profile, masterKey, masterSalt, LABEL_SRTCP_ENCRYPTION, LABEL_SRTCP_AUTH,
        LABEL_SRTCP_SALT);
  }

  private static SrtpSessionKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt,
      int encryptionLabel, int authLabel, int saltLabel) {
    checkMasterKey(profile, masterKey, masterSalt);
    return new SrtpSessionKeys(
        prf(masterKey, masterSalt, encryptionLabel, profile.masterKeyLength()),
        prf(masterKey, masterSalt, saltLabel, profile.masterSaltLength()),
        prf(masterKey, masterSalt, authLabel, profile.authKeyLength()));
  }

  /** Rejects master keys and salts of the wrong length for the profile (a configuration error). */
  static void checkMasterKey(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    if (masterKey == null || masterKey.length != profile.masterKeyLength()) {
      throw new IllegalArgumentException(profile + " needs a " + profile.masterKeyLength()
          + "-byte master key");
    }
    if (masterSalt == null || masterSalt.length != profile.masterSaltLength()) {
      throw new IllegalArgumentException(profile + " needs a " + profile.masterSaltLength()
          + "-byte master salt");
    }
  }

  /** PRF_n(k_master, x) of RFC 3711 section 4.3.3 with r = 0: {@code length} bytes of keystream. */
  static byte[] prf(byte[] masterKey, byte[] masterSalt, int label, int length) {
    byte[] out = new byte[length];
    if (length == 0) {
      return out;
    }
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, X_LENGTH));
    iv[LABEL_POSITION] ^= (byte) label;
    try {
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
      byte[] zeros = new byte[length];
      // Keystream = encryption of zeros; doFinal into a separate array (the JCE copies overlapping I/O).
      ctr.doFinal(zeros, 0, length, out, 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR/NoPadding unavailable or refused the master key", e);
    } finally {
      Arrays.fill(iv, (byte) 0);
    }
  }
}
