package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lexical rules of SDP (RFC 8866 section 9) shared by the parser and by the value classes.
 *
 * <p>Two families of methods: {@code is*} predicates and {@code require*} checks that throw
 * {@link IllegalArgumentException} (used by value-class constructors, so a model built in code can
 * always be written and parsed back), and parse-side helpers that throw {@link SdpParseException}
 * with a {@link SdpParseException.Reason}. Numbers are parsed by hand with bounds, so no
 * {@link NumberFormatException} can escape and no value can overflow (RELIABILITY.md 1.3, PJSIP
 * #2092: a 32-bit-overflowing payload type).
 */
final class Syntax {

  /** Longest excerpt of input quoted in an exception detail. */
  private static final int QUOTE_LIMIT = 64;

  private Syntax() {}

  // ---- character classes ------------------------------------------------------------------

  /** RFC 8866 section 9 {@code token-char}: visible ASCII except the separators {@code "(),/:;<=>?@[\]}. */
  static boolean isTokenChar(char c) {
    return c == 0x21
        || (c >= 0x23 && c <= 0x27)
        || c == 0x2A
        || c == 0x2B
        || c == 0x2D
        || c == 0x2E
        || (c >= 0x30 && c <= 0x39)
        || (c >= 0x41 && c <= 0x5A)
        || (c >= 0x5E && c <= 0x7E);
  }

  /** RFC 8839 section 5.1 {@code ice-char}: ALPHA / DIGIT / "+" / "/". */
  static boolean isIceChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 8866 section 9 {@code token}: one or more token-chars. */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** One or more characters, none of them SP, HTAB, CR, LF or NUL: a field between spaces. */
  static boolean isWord(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c) || c == '\r' || c == '\n' || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8866 section 9 {@code text}/{@code byte-string}: anything but CR, LF and NUL (may be empty). */
  static boolean isText(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** Words separated by single spaces, no space at either end: what {@link #words} joins back. */
  static boolean isSpacedWords(String s) {
    return isText(s) && !s.isEmpty() && String.join(" ", words(s)).equals(s);
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  // ---- constructor checks (IllegalArgumentException) -------------------------------------

  static String requireToken(String s, String what) {
    if (!isToken(s)) {
      throw new IllegalArgumentException(what + " is not a token: " + quote(s));
    }
    return s;
  }

  static String requireWord(String s, String what) {
    if (!isWord(s)) {
      throw new IllegalArgumentException(what + " must be one non-empty field without spaces: " + quote(s));
    }
    return s;
  }

  static String requireText(String s, String what) {
    if (!isText(s)) {
      throw new IllegalArgumentException(what + " must not contain CR, LF or NUL: " + quote(s));
    }
    return s;
  }

  static String requireSpacedWords(String s, String what) {
    if (!isSpacedWords(s)) {
      throw new IllegalArgumentException(what + " must be words separated by single spaces: " + quote(s));
    }
    return s;
  }

  static long requireRange(long value, long min, long max, String what) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
    }
    return value;
  }

  static List<String> requireWords(List<String> list, String what) {
    List<String> copy = List.copyOf(list);
    for (String s : copy) {
      requireWord(s, what);
    }
    return copy;
  }

  // ---- parse side (SdpParseException) ----------------------------------------------------

  /** Splits on runs of SP and HTAB, ignoring leading and trailing ones (RFC 8866 asks for single SP; we accept more). */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** Removes SP and HTAB at both ends (not {@link String#strip()}, which knows Unicode spaces). */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Index of the first SP or HTAB, or -1. */
  static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Parses a decimal number of at most 19 digits (no sign, no spaces), or returns -1 when {@code s} is
   * not such a number or lies outside {@code min..max}. {@code min} must not be negative.
   */
  static long number(String s, long min, long max) {
    int n = s.length();
    if (n == 0 || n > 19) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      int digit = c - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value < min || value > max ? -1 : value;
  }

  static long longValue(String s, long min, long max, SdpParseException.Reason reason, String what)
      throws SdpParseException {
    long v = number(s, min, max);
    if (v < 0) {
      throw new SdpParseException(reason, what + " not a number in " + min + ".." + max + ": " + quote(s));
    }
    return v;
  }

  static int intValue(String s, int min, int max, SdpParseException.Reason reason, String what)
      throws SdpParseException {
    return (int) longValue(s, min, max, reason, what);
  }

  /** Runs a value-class constructor and turns its {@link IllegalArgumentException} into a parse error. */
  static <T> T build(SdpParseException.Reason reason, Supplier<T> constructor) throws SdpParseException {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new SdpParseException(reason, e.getMessage());
    }
  }

  /** A short, escaped excerpt of input for messages: logs never receive raw control characters. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("'");
    int n = Math.min(s.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (s.length() > QUOTE_LIMIT) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
