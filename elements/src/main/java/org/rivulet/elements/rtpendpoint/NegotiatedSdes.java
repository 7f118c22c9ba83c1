package org.rivulet.elements.rtpendpoint;

import java.util.Arrays;
import java.util.OptionalInt;
import org.rivulet.sdp.Crypto;
import org.rivulet.srtp.SrtpProfile;

/**
 * The outcome of SDES for one m-line ({@link SdesNegotiation}): the agreed tag and suite, the keys for
 * each direction and what the peer said about its key. Immutable; accessors return copies and
 * {@link #toString()} prints no key.
 *
 * <pre>
 *   we send:    SrtpSender(profile(), localMasterKey(), localMasterSalt())
 *   we receive: SrtpReceiver(profile(), remoteMasterKey(), remoteMasterSalt()),
 *               after removing remoteMkiLength() bytes of MKI before the tag of each packet
 * </pre>
 */
public final class NegotiatedSdes {
  private final int tag;
  private final SrtpProfile profile;
  private final byte[] localKeyAndSalt;
  private final byte[] remoteKeyAndSalt;
  private final long remoteLifetime;
  private final int remoteMkiLength;
  private final long remoteMki;
  private final int windowSizeHint;
  private final Crypto localAttribute;

  NegotiatedSdes(int tag, SrtpProfile profile, byte[] localKeyAndSalt, byte[] remoteKeyAndSalt,
      long remoteLifetime, int remoteMkiLength, long remoteMki, int windowSizeHint, Crypto localAttribute) {
    this.tag = tag;
    this.profile = profile;
    this.localKeyAndSalt = localKeyAndSalt.clone();
    this.remoteKeyAndSalt = remoteKeyAndSalt.clone();
    this.remoteLifetime = remoteLifetime;
    this.remoteMkiLength = remoteMkiLength;
    this.remoteMki = remoteMki;
    this.windowSizeHint = windowSizeHint;
    this.localAttribute = localAttribute;
  }

  /** The tag of the accepted {@code a=crypto} line, the same in offer and answer (RFC 4568 section 5.1). */
  public int tag() {
    return tag;
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** Our master key (a copy): it protects what we send. */
  public byte[] localMasterKey() {
    return Arrays.copyOfRange(localKeyAndSalt, 0, profile.masterKeyLength());
  }

  /** Our master salt (a copy). */
  public byte[] localMasterSalt() {
    return Arrays.copyOfRange(localKeyAndSalt, profile.masterKeyLength(), localKeyAndSalt.length);
  }

  /** The peer's master key (a copy): what it sends is protected with it. */
  public byte[] remoteMasterKey() {
    return Arrays.copyOfRange(remoteKeyAndSalt, 0, profile.masterKeyLength());
  }

  /** The peer's master salt (a copy). */
  public byte[] remoteMasterSalt() {
    return Arrays.copyOfRange(remoteKeyAndSalt, profile.masterKeyLength(), remoteKeyAndSalt.length);
  }

  /**
   * The number of packets the peer's key may protect: its lifetime parameter, at most
   * {@link KeyLifetime#SRTP_MAX_PACKETS}, which is also the value when no lifetime was given. Our own key
   * has no lifetime parameter, so it is good for the SRTP maximum.
   */
  public long remoteLifetimePackets() {
    return remoteLifetime;
  }

  /**
   * The length in bytes of the MKI field the peer puts in every SRTP and SRTCP packet, between the
   * encrypted part (for SRTCP, the E flag and index) and the authentication tag (RFC 3711 section 3.1),
   * or 0 when it sends none. The MKI is not covered by the tag, so removing these bytes gives a packet
   * that a receiver without MKI support authenticates as usual.
   */
  public int remoteMkiLength() {
    return remoteMkiLength;
  }

  /** The MKI value the peer's packets carry, meaningful when {@link #remoteMkiLength()} is not 0. */
  public long remoteMki() {
    return remoteMki;
  }

  /** The peer's replay window hint ({@code WSH=}, RFC 4568 section 6.3.6), if it gave one. */
  public OptionalInt windowSizeHint() {
    return windowSizeHint == 0 ? OptionalInt.empty() : OptionalInt.of(windowSizeHint);
  }

  /**
   * Our {@code a=crypto} value: for an answer we give, the line to put in it (the offer's tag, our suite
   * and key); for an answer we received, the line we had offered.
   */
  public Crypto localAttribute() {
    return localAttribute;
  }

  /** Does not print the keys. */
  @Override
  public String toString() {
    return "NegotiatedSdes[tag=" + tag + ", " + profile.sdesName() + ", remote lifetime=" + remoteLifetime
        + ", remote MKI length=" + remoteMkiLength + "]";
  }
}
