package org.rivulet.dtls;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one DTLS association: role, local certificate, remote fingerprints, SRTP profiles,
 * MTU, handshake timeout and inbound queue size. Immutable; build with {@link #builder}.
 */
public final class DtlsConfig {
  /** Kurento's default {@code mtu} (BaseRtpEndpoint): what fits a tunnelled path comfortably. */
  public static final int DEFAULT_MTU = 1200;
  /** Bounds a handshake whose peer stops answering; retransmission happens well inside it. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
  /** Inbound datagrams waiting for the DTLS executor; a handshake flight is a handful of them. */
  public static final int DEFAULT_QUEUE_CAPACITY = 64;

  /** Room for a record header, a handshake header and a useful fragment. */
  static final int MIN_MTU = 256;
  /** The largest UDP payload over IPv4. */
  static final int MAX_MTU = 65507;

  private final DtlsRole role;
  private final DtlsCertificate certificate;
  private final List<Fingerprint> remoteFingerprints;
  private final List<DtlsSrtpProfile> srtpProfiles;
  private final int mtu;
  private final int handshakeTimeoutMillis;
  private final int queueCapacity;

  private DtlsConfig(Builder b) {
    this.role = b.role;
    this.certificate = b.certificate;
    this.remoteFingerprints = b.remoteFingerprints;
    this.srtpProfiles = b.srtpProfiles;
    this.mtu = b.mtu;
    this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
    this.queueCapacity = b.queueCapacity;
  }

  /**
   * Starts a configuration with the three settings that have no default.
   *
   * @param role from the resolved {@code a=setup} ({@link DtlsRole#forLocalSetup(String)})
   * @param certificate the local identity, shared by all associations
   * @param remoteFingerprints the remote description's {@code a=fingerprint} values, at least one; the
   *     peer's certificate must match one of them
   */
  public static Builder builder(DtlsRole role, DtlsCertificate certificate,
      List<Fingerprint> remoteFingerprints) {
    return new Builder(role, certificate, remoteFingerprints);
  }

  public DtlsRole role() {
    return role;
  }

  public DtlsCertificate certificate() {
    return certificate;
  }

  public List<Fingerprint> remoteFingerprints() {
    return remoteFingerprints;
  }

  /** Offered (client) or accepted (server), in preference order. */
  public List<DtlsSrtpProfile> srtpProfiles() {
    return srtpProfiles;
  }

  /** The largest datagram sent; DTLS fragments handshake messages to fit (RFC 6347 section 4.1.1). */
  public int mtu() {
    return mtu;
  }

  public int handshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  public int queueCapacity() {
    return queueCapacity;
  }

  /** Builds a {@link DtlsConfig}; not thread-safe. */
  public static final class Builder {
    private final DtlsRole role;
    private final DtlsCertificate certificate;
    private final List<Fingerprint> remoteFingerprints;
    private List<DtlsSrtpProfile> srtpProfiles = DtlsSrtpProfile.PREFERENCE;
    private int mtu = DEFAULT_MTU;
    private int handshakeTimeoutMillis = (int) DEFAULT_HANDSHAKE_TIMEOUT.toMillis();
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

    private Builder(DtlsRole role, DtlsCertificate certificate, List<Fingerprint> remoteFingerprints) {
      this.role = Objects.requireNonNull(role, "role");
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      this.remoteFingerprints = List.copyOf(remoteFingerprints);
      if (this.remoteFingerprints.isEmpty()) {
        // RFC 8122 section 5: without a fingerprint the peer cannot be authenticated; never skip the check.
        throw new IllegalArgumentException("at least one remote fingerprint is required");
      }
    }

    /**
     * The SRTP profiles to offer or accept, most preferred first; default
     * {@link DtlsSrtpProfile#PREFERENCE}.
     */
    public Builder srtpProfiles(List<DtlsSrtpProfile> profiles) {
      List<DtlsSrtpProfile> copy = List.copyOf(profiles);
      if (copy.isEmpty() || new HashSet<>(copy).size() != copy.size()) {
        throw new IllegalArgumentException("SRTP profiles must be non-empty and distinct: " + profiles);
      }
      this.srtpProfiles = copy;
      return this;
    }

    /** Kurento's {@code mtu}: the largest datagram to send, default {@value #DEFAULT_MTU}. */
    public Builder mtu(int mtu) {
      if (mtu < MIN_MTU || mtu > MAX_MTU) {
        throw new IllegalArgumentException("mtu " + mtu + " outside [" + MIN_MTU + ", " + MAX_MTU + "]");
      }
      this.mtu = mtu;
      return this;
    }

    /** How long the whole handshake may take before it fails with TIMEOUT; default 30 s. */
    public Builder handshakeTimeout(Duration timeout) {
      long millis = timeout.toMillis();
      if (millis < 1 || millis > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("handshake timeout out of range: " + timeout);
      }
      this.handshakeTimeoutMillis = (int) millis;
      return this;
    }

    /** Inbound datagrams held for the DTLS executor before further ones are dropped; default 64. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be positive: " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    public DtlsConfig build() {
      return new DtlsConfig(this);
    }
  }
}
