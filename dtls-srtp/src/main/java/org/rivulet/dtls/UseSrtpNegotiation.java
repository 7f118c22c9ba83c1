package org.rivulet.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The {@code use_srtp} extension of RFC 5764 section 4.1: what the client offers, what the server picks,
 * and what the client accepts back. Rivulet never uses an MKI, so it sends an empty {@code srtp_mki}
 * in both roles (RFC 5764 section 4.1.1).
 */
final class UseSrtpNegotiation {
  private static final byte[] NO_MKI = new byte[0];

  private UseSrtpNegotiation() {}

  /** The client's extension: every configured profile, in preference order. */
  static UseSRTPData offer(List<DtlsSrtpProfile> profiles) {
    return new UseSRTPData(ids(profiles), NO_MKI);
  }

  /** The server's extension: exactly the one chosen profile (RFC 5764 section 4.1.1). */
  static UseSRTPData answer(DtlsSrtpProfile chosen) {
    return new UseSRTPData(new int[] {chosen.id()}, NO_MKI);
  }

  /**
   * Server side: the first profile in our preference order that the client offered. Our order rather
   * than the client's, which RFC 5764 section 4.1.2 leaves to the server.
   *
   * @param clientExtensions the ClientHello's extensions; may be null
   * @throws RejectedHandshake NO_SRTP_PROFILE with handshake_failure when the client sent no
   *     {@code use_srtp} or nothing in common
   * @throws IOException decode_error for a malformed extension (from Bouncy Castle)
   */
  static DtlsSrtpProfile select(Hashtable<?, ?> clientExtensions, List<DtlsSrtpProfile> preference)
      throws IOException {
    UseSRTPData offered =
        clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw new RejectedHandshake(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
          "the ClientHello has no use_srtp extension");
    }
    int[] offeredIds = offered.getProtectionProfiles();
    for (DtlsSrtpProfile p : preference) {
      for (int id : offeredIds) {
        if (id == p.id()) {
          return p;
        }
      }
    }
    throw new RejectedHandshake(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
        "no SRTP protection profile in common");
  }

  /**
   * Client side: checks the server's answer.
   *
   * @param serverExtensions the ServerHello's extensions; may be null
   * @throws RejectedHandshake NO_SRTP_PROFILE: handshake_failure when the server did not answer
   *     {@code use_srtp}, illegal_parameter when it answered with anything but one profile that we
   *     offered (RFC 5764 section 4.1.2) or with an MKI we did not offer (section 4.1.1)
   */
  static DtlsSrtpProfile accept(Hashtable<?, ?> serverExtensions, List<DtlsSrtpProfile> offered)
      throws IOException {
    UseSRTPData answer =
        serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (answer == null) {
      throw new RejectedHandshake(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
          "the server did not negotiate use_srtp");
    }
    int[] ids = answer.getProtectionProfiles();
    if (ids.length != 1 || answer.getMki().length != 0) {
      throw new RejectedHandshake(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.illegal_parameter,
          "use_srtp answer with " + ids.length + " profiles or an MKI");
    }
    for (DtlsSrtpProfile p : offered) {
      if (p.id() == ids[0]) {
        return p;
      }
    }
    throw new RejectedHandshake(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.illegal_parameter,
        "the server chose SRTP profile " + ids[0] + ", which was not offered");
  }

  private static int[] ids(List<DtlsSrtpProfile> profiles) {
    int[] ids = new int[profiles.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = profiles.get(i).id();
    }
    return ids;
  }
}
