package org.rivulet.dtls;

import java.util.Locale;

/**
 * Which side of the DTLS handshake this endpoint plays. RFC 5763 section 5: the endpoint whose
 * {@code a=setup} is {@code active} is the DTLS client, the {@code passive} one is the DTLS server; the
 * offerer's {@code actpass} is resolved by the answer before a role can be chosen.
 */
public enum DtlsRole {
  /** Sends the ClientHello ({@code a=setup:active}). */
  CLIENT,
  /** Waits for the ClientHello ({@code a=setup:passive}). */
  SERVER;

  /**
   * The role for this endpoint's own resolved {@code a=setup} value (RFC 4145 section 4, RFC 5763
   * section 5), case-insensitive.
   *
   * @throws IllegalArgumentException for {@code actpass}, {@code holdconn} or anything else: those do not
   *     name a role yet
   */
  public static DtlsRole forLocalSetup(String setup) {
    switch (setup.trim().toLowerCase(Locale.ROOT)) {
      case "active":
        return CLIENT;
      case "passive":
        return SERVER;
      default:
        throw new IllegalArgumentException("a=setup:" + setup + " does not resolve to a DTLS role");
    }
  }
}
