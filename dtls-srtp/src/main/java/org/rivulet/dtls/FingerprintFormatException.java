package org.rivulet.dtls;

/**
 * An {@code a=fingerprint} value that {@link Fingerprint#parse(String)} refuses, with a {@link Reason}
 * that tests and callers compare by identity rather than by message text.
 */
public final class FingerprintFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the value. */
  public enum Reason {
    /** Nothing but white space. */
    EMPTY,
    /** No white space between the hash function and the hex digits. */
    MISSING_SEPARATOR,
    /** A hash function outside {@link FingerprintHash}, including md2 and md5. */
    UNSUPPORTED_HASH,
    /** Not {@code 2HEX *(":" 2HEX)}: a bad character, a lone digit, an empty group. */
    MALFORMED_HEX,
    /** Well formed, but not as many bytes as the hash function produces. */
    WRONG_LENGTH
  }

  private final Reason reason;

  FingerprintFormatException(Reason reason, String value) {
    super(reason + ": \"" + value + '"');
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
