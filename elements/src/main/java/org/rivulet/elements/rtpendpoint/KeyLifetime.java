package org.rivulet.elements.rtpendpoint;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rivulet.elements.MediaType;

/**
 * Counts the packets one SRTP master key protects and says, once, when the key nears the end of its
 * life: the moment for Kurento's {@code OnKeySoftLimit} event with this {@link #mediaType()}.
 *
 * <p>The limits: RFC 3711 section 9.2 lets one master key protect at most 2^48 SRTP and 2^31 SRTCP
 * packets; an SDES lifetime parameter (RFC 4568 section 6.1) can lower both. The soft limit comes
 * {@value #SOFT_LIMIT_MARGIN} packets before a limit, the margin of libsrtp, which KMS uses through
 * GStreamer's {@code srtpdec}: with the default 2^48 the soft limit is packet 2^48 - 2^16, the packet on
 * which KMS first raises the event. For limits below 2^17 the soft limit is half the limit.
 *
 * <p>Where KMS differs: it counts only the RTP it decrypts, per SSRC, and raises the event again for
 * every packet after the soft limit, since it never installs a new key. Here the count is per key,
 * as RFC 3711 limits the key across all its streams, SRTCP has a limit too, and the event is said once.
 * Use one instance per key: the peer's key of an m-line (what we unprotect, as KMS) and, if wanted, our
 * own (what we protect).
 *
 * <p>Thread-safe and lock-free: sending and receiving threads may count into one instance.
 */
public final class KeyLifetime {

  /** RFC 3711 section 9.2: at most 2^48 SRTP packets per master key. */
  public static final long SRTP_MAX_PACKETS = 1L << 48;
  /** RFC 3711 section 9.2: at most 2^31 SRTCP packets per master key (the SRTCP index is 31 bits). */
  public static final long SRTCP_MAX_PACKETS = 1L << 31;
  /** How many packets before a limit the soft limit lies (libsrtp's {@code soft_limit}). */
  public static final long SOFT_LIMIT_MARGIN = 1L << 16;

  private final MediaType mediaType;
  private final long srtpLimit;
  private final long srtcpLimit;
  private final long srtpSoftLimit;
  private final long srtcpSoftLimit;
  private final AtomicLong srtp = new AtomicLong();
  private final AtomicLong srtcp = new AtomicLong();
  private final AtomicBoolean softLimitReached = new AtomicBoolean();

  /** A key with no lifetime parameter: the RFC 3711 maximums apply. */
  public KeyLifetime(MediaType mediaType) {
    this(mediaType, SRTP_MAX_PACKETS);
  }

  /**
   * A key with an SDES lifetime of {@code lifetimePackets}, such as
   * {@link NegotiatedSdes#remoteLifetimePackets()}: it bounds the SRTP and the SRTCP packets, each no
   * further than its RFC 3711 maximum.
   *
   * @throws IllegalArgumentException if {@code lifetimePackets} is not positive
   */
  public KeyLifetime(MediaType mediaType, long lifetimePackets) {
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    if (lifetimePackets < 1) {
      throw new IllegalArgumentException("key lifetime must be at least 1 packet: " + lifetimePackets);
    }
    this.srtpLimit = Math.min(lifetimePackets, SRTP_MAX_PACKETS);
    this.srtcpLimit = Math.min(lifetimePackets, SRTCP_MAX_PACKETS);
    this.srtpSoftLimit = softLimit(srtpLimit);
    this.srtcpSoftLimit = softLimit(srtcpLimit);
  }

  /**
   * The packet count at which a key good for {@code limit} packets reaches its soft limit:
   * {@code limit - 2^16}, or {@code limit / 2} (at least 1) when the limit is below 2^17.
   */
  public static long softLimit(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    return limit >= 2 * SOFT_LIMIT_MARGIN ? limit - SOFT_LIMIT_MARGIN : Math.max(1, limit / 2);
  }

  public MediaType mediaType() {
    return mediaType;
  }

  /** Counts one SRTP packet protected or unprotected with the key; true the one time the soft limit is reached. */
  public boolean countSrtp() {
    return countSrtp(1);
  }

  /** Counts {@code packets} SRTP packets (0 or more); true the one time the soft limit is reached. */
  public boolean countSrtp(long packets) {
    return count(srtp, packets, srtpSoftLimit);
  }

  /** Counts one SRTCP packet; true the one time the soft limit is reached. */
  public boolean countSrtcp() {
    return countSrtcp(1);
  }

  /** Counts {@code packets} SRTCP packets (0 or more); true the one time the soft limit is reached. */
  public boolean countSrtcp(long packets) {
    return count(srtcp, packets, srtcpSoftLimit);
  }

  /** Whether the SRTP or the SRTCP count has reached its soft limit. */
  public boolean softLimitReached() {
    return srtp.get() >= srtpSoftLimit || srtcp.get() >= srtcpSoftLimit;
  }

  /**
   * Whether the key has protected as many SRTP or SRTCP packets as it may: it must not protect more
   * (RFC 3711 section 9.2). KMS's only hard limit is libsrtp's, at 2^48 - 1 RTP packets per SSRC.
   */
  public boolean expired() {
    return srtp.get() >= srtpLimit || srtcp.get() >= srtcpLimit;
  }

  public long srtpPackets() {
    return srtp.get();
  }

  public long srtcpPackets() {
    return srtcp.get();
  }

  public long srtpLimit() {
    return srtpLimit;
  }

  public long srtcpLimit() {
    return srtcpLimit;
  }

  public long srtpSoftLimit() {
    return srtpSoftLimit;
  }

  public long srtcpSoftLimit() {
    return srtcpSoftLimit;
  }

  private boolean count(AtomicLong counter, long packets, long softLimit) {
    if (packets < 0) {
      throw new IllegalArgumentException("packets must not be negative: " + packets);
    }
    long total = counter.accumulateAndGet(packets, KeyLifetime::saturatedAdd);
    return total >= softLimit && softLimitReached.compareAndSet(false, true);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "KeyLifetime[" + mediaType + ", SRTP " + srtp.get() + "/" + srtpLimit + ", SRTCP " + srtcp.get() + "/"
        + srtcpLimit + "]";
  }
}
