package org.rivulet.srtp;

import java.util.HexFormat;

/**
 * Test vectors as hex text: whitespace is ignored and {@code #} starts a comment that runs to the end of
 * the line, so a vector can say what each field is.
 */
final class HexText {

  private HexText() {}

  static byte[] hex(String text) {
    StringBuilder digits = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      int comment = line.indexOf('#');
      String data = comment < 0 ? line : line.substring(0, comment);
      for (int i = 0; i < data.length(); i++) {
        char c = data.charAt(i);
        if (!Character.isWhitespace(c)) {
          digits.append(c);
        }
      }
    }
    return HexFormat.of().parseHex(digits);
  }

  static String toHex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
