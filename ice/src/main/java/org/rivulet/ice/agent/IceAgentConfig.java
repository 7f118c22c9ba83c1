package org.rivulet.ice.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Predicate;
import org.rivulet.ice.gather.ExternalAddresses;

/**
 * How an {@link IceAgent} behaves: timers, bounds, nomination style, gathering settings. Immutable; build
 * with {@link #builder()}.
 */
public final class IceAgentConfig {

  /** RFC 8445 section 6.1.2.5's suggested bound on candidate pairs. */
  public static final int DEFAULT_MAX_PAIRS = 100;
  /** Bound on remote candidates, signalled and peer-reflexive together. */
  public static final int DEFAULT_MAX_REMOTE_CANDIDATES = 50;

  private final IceTimings timings;
  private final boolean aggressiveNomination;
  private final int maxCandidatePairs;
  private final int maxRemoteCandidates;
  private final ExternalAddresses externalAddresses;
  private final InetSocketAddress stunServer;
  private final Predicate<InetAddress> remoteAddressFilter;
  private final SecureRandom random;

  private IceAgentConfig(Builder b) {
    this.timings = b.timings;
    this.aggressiveNomination = b.aggressiveNomination;
    this.maxCandidatePairs = b.maxCandidatePairs;
    this.maxRemoteCandidates = b.maxRemoteCandidates;
    this.externalAddresses = b.externalAddresses;
    this.stunServer = b.stunServer;
    this.remoteAddressFilter = b.remoteAddressFilter;
    this.random = b.random != null ? b.random : new SecureRandom();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every default. */
  public static IceAgentConfig defaults() {
    return new Builder().build();
  }

  public IceTimings timings() {
    return timings;
  }

  /** Controlling role: put USE-CANDIDATE in every check (RFC 5245 aggressive nomination). */
  public boolean aggressiveNomination() {
    return aggressiveNomination;
  }

  public int maxCandidatePairs() {
    return maxCandidatePairs;
  }

  public int maxRemoteCandidates() {
    return maxRemoteCandidates;
  }

  public ExternalAddresses externalAddresses() {
    return externalAddresses;
  }

  /** Kurento's {@code stunServerAddress}:{@code stunServerPort}, resolved; null for no srflx gathering. */
  public InetSocketAddress stunServer() {
    return stunServer;
  }

  /** Which remote candidate addresses may be checked; see {@link Builder#remoteAddressFilter}. */
  public Predicate<InetAddress> remoteAddressFilter() {
    return remoteAddressFilter;
  }

  /** Credentials, tie-breakers, transaction ids and consent jitter come from here. */
  public SecureRandom random() {
    return random;
  }

  /**
   * The default remote address filter: refuses the wildcard, multicast and the IPv4 broadcast address,
   * where a check could never be answered. Loopback and private addresses are allowed (tests, LANs); a
   * deployment facing the Internet can refuse them with its own filter.
   */
  public static boolean isCheckable(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      return !(b[0] == (byte) 255 && b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255);
    }
    return true;
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private IceTimings timings = IceTimings.defaults();
    private boolean aggressiveNomination;
    private int maxCandidatePairs = DEFAULT_MAX_PAIRS;
    private int maxRemoteCandidates = DEFAULT_MAX_REMOTE_CANDIDATES;
    private ExternalAddresses externalAddresses = ExternalAddresses.NONE;
    private InetSocketAddress stunServer;
    private Predicate<InetAddress> remoteAddressFilter = IceAgentConfig::isCheckable;
    private SecureRandom random;

    private Builder() {}

    public Builder timings(IceTimings timings) {
      this.timings = Objects.requireNonNull(timings, "timings");
      return this;
    }

    public Builder aggressiveNomination(boolean aggressive) {
      this.aggressiveNomination = aggressive;
      return this;
    }

    public Builder maxCandidatePairs(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCandidatePairs must be at least 1: " + max);
      }
      this.maxCandidatePairs = max;
      return this;
    }

    public Builder maxRemoteCandidates(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRemoteCandidates must be at least 1: " + max);
      }
      this.maxRemoteCandidates = max;
      return this;
    }

    public Builder externalAddresses(ExternalAddresses external) {
      this.externalAddresses = Objects.requireNonNull(external, "external");
      return this;
    }

    /**
     * The STUN server for server-reflexive candidates, or null for none.
     *
     * @throws IllegalArgumentException if the address is unresolved: the agent never resolves names
     */
    public Builder stunServer(InetSocketAddress server) {
      if (server != null && server.isUnresolved()) {
        throw new IllegalArgumentException("resolve the STUN server before configuring it: " + server);
      }
      this.stunServer = server;
      return this;
    }

    /** Which remote candidate addresses may be checked; others are {@link RemoteCandidateOutcome#REJECTED_ADDRESS}. */
    public Builder remoteAddressFilter(Predicate<InetAddress> filter) {
      this.remoteAddressFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** The randomness source; by default a new {@link SecureRandom} per agent. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public IceAgentConfig build() {
      return new IceAgentConfig(this);
    }
  }
}
