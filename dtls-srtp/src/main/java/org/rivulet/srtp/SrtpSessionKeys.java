package org.rivulet.srtp;

import java.util.Arrays;

/**
 * The session keys of one direction of SRTP, or of SRTCP: encryption key, salt and (for HMAC-SHA1
 * profiles) authentication key (RFC 3711 section 4.3). Produced by {@link SrtpKeyDerivation} or, for
 * test vectors that give session keys directly, by hand.
 *
 * <p>The arrays are the caller's: a cipher copies what it keeps, and {@link #wipe()} zeroes them once
 * the cipher exists.
 */
final class SrtpSessionKeys {

  final byte[] encryptionKey;
  final byte[] salt;
  /** Empty for GCM. */
  final byte[] authKey;

  SrtpSessionKeys(byte[] encryptionKey, byte[] salt, byte[] authKey) {
    this.encryptionKey = encryptionKey;
    this.salt = salt;
    this.authKey = authKey;
  }

  /** Zeroes the key material. */
  void wipe() {
    Arrays.fill(encryptionKey, (byte) 0);
    Arrays.fill(salt, (byte) 0);
    Arrays.fill(authKey, (byte) 0);
  }
}
