package org.rivulet.ice.agent;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.rivulet.ice.stun.MessageIntegrity;

/**
 * An ICE username fragment and password (RFC 8445 section 5.3, RFC 8839 section 5.4): {@code ice-ufrag} is 4
 * to 256 ice-chars, {@code ice-pwd} 22 to 256 ({@code ice-char = ALPHA / DIGIT / "+" / "/"}). The local
 * pair comes from {@link #random}; the remote pair from the peer's SDP.
 *
 * <p>Immutable. {@link #toString()} does not show the password.
 */
public final class IceCredentials {

  /** Shortest ufrag RFC 8839 allows. */
  public static final int MIN_UFRAG = 4;
  /** Shortest password RFC 8839 allows. */
  public static final int MIN_PASSWORD = 22;
  /** Longest ufrag or password RFC 8839 allows. */
  public static final int MAX_LENGTH = 256;

  // 64 ice-chars, so each random character carries 6 bits.
  private static final char[] ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  // 8 characters are 48 random bits (RFC 8445 section 5.3 asks for at least 24) and 24 characters are 144
  // (at least 128).
  private static final int RANDOM_UFRAG = 8;
  private static final int RANDOM_PASSWORD = 24;

  private final String ufrag;
  private final String password;
  private final byte[] key;

  /**
   * @throws IllegalArgumentException if either value is outside RFC 8839's lengths or has a character
   *     that is not an ice-char
   */
  public IceCredentials(String ufrag, String password) {
    Objects.requireNonNull(ufrag, "ufrag");
    Objects.requireNonNull(password, "password");
    if (!isIceString(ufrag, MIN_UFRAG, MAX_LENGTH)) {
      throw new IllegalArgumentException("ice-ufrag must be 4 to 256 ice-chars: " + ufrag);
    }
    if (!isIceString(password, MIN_PASSWORD, MAX_LENGTH)) {
      throw new IllegalArgumentException("ice-pwd must be 22 to 256 ice-chars");
    }
    this.ufrag = ufrag;
    this.password = password;
    this.key = MessageIntegrity.shortTermKey(password);
  }

  /** Fresh local credentials. */
  public static IceCredentials random(SecureRandom random) {
    return new IceCredentials(randomString(random, RANDOM_UFRAG), randomString(random, RANDOM_PASSWORD));
  }

  public String ufrag() {
    return ufrag;
  }

  public String password() {
    return password;
  }

  /** The MESSAGE-INTEGRITY key (RFC 8489 section 9.1.1); shared, do not modify. */
  byte[] key() {
    return key;
  }

  /** True when {@code s} has {@code min} to {@code max} characters, all ice-chars. */
  static boolean isIceString(String s, int min, int max) {
    if (s == null || s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean iceChar = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      if (!iceChar) {
        return false;
      }
    }
    return true;
  }

  private static String randomString(SecureRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
    }
    return new String(chars);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IceCredentials that && ufrag.equals(that.ufrag)
        && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return ufrag.hashCode();
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + "]";
  }
}
