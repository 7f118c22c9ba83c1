package org.rivulet.sdp;

/** The shared check of {@link IceUfrag} and {@link IcePwd}: length bounds and the ice-char alphabet. */
final class IceCredentials {

  private IceCredentials() {}

  static void require(String s, int min, int max, String what) {
    if (s == null || s.length() < min || s.length() > max) {
      throw new IllegalArgumentException(
          what + " must have " + min + ".." + max + " characters, has " + (s == null ? 0 : s.length()));
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Syntax.isIceChar(s.charAt(i))) {
        // RFC 8839 section 5.4: ice-char = ALPHA / DIGIT / "+" / "/"; the value itself is not echoed.
        throw new IllegalArgumentException(what + " has a character outside ALPHA / DIGIT / + / / at " + i);
      }
    }
  }
}
