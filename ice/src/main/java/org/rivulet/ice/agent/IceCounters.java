package org.rivulet.ice.agent;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's counters, for stats and metrics: one per {@link IceDropReason} and a few for the work done.
 * Written on the agent's thread only; {@link #snapshot()} copies them for another thread to read.
 */
public final class IceCounters {

  private final long[] drops = new long[IceDropReason.values().length];
  long checksSent;
  long retransmissions;
  long requestsAnswered;
  long errorResponsesSent;
  long consentChecksSent;
  long peerReflexiveLearned;
  long peerReflexiveEvicted;
  long pairsPruned;
  long transactionsRefused;

  void drop(IceDropReason reason) {
    drops[reason.ordinal()]++;
  }

  /** How many inbound messages were dropped (or answered with an error) for {@code reason}. */
  public long drops(IceDropReason reason) {
    return drops[reason.ordinal()];
  }

  /** All drops together. */
  public long totalDrops() {
    long total = 0;
    for (long d : drops) {
      total += d;
    }
    return total;
  }

  /** Checks started (ordinary, triggered, nomination and consent), not counting retransmissions. */
  public long checksSent() {
    return checksSent;
  }

  /** Requests re-sent because no response came in time. */
  public long retransmissions() {
    return retransmissions;
  }

  /** Authenticated Binding requests answered with a success response. */
  public long requestsAnswered() {
    return requestsAnswered;
  }

  /** Error responses sent (400, 401, 420, 487). */
  public long errorResponsesSent() {
    return errorResponsesSent;
  }

  /** Consent freshness checks sent on the selected pair (RFC 7675). */
  public long consentChecksSent() {
    return consentChecksSent;
  }

  /** Peer-reflexive remote candidates learned (RFC 8445 section 7.3.1.3). */
  public long peerReflexiveLearned() {
    return peerReflexiveLearned;
  }

  /** Peer-reflexive remote candidates evicted to stay within the bound on remote candidates. */
  public long peerReflexiveEvicted() {
    return peerReflexiveEvicted;
  }

  /** Candidate pairs removed to stay within the bound on pairs (RFC 8445 section 6.1.2.5). */
  public long pairsPruned() {
    return pairsPruned;
  }

  /** Requests not sent because too many transactions were outstanding. */
  public long transactionsRefused() {
    return transactionsRefused;
  }

  /** Every counter by name ({@code drop.<reason>} for drops), in a fixed order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (IceDropReason reason : IceDropReason.values()) {
      out.put("drop." + reason.name().toLowerCase(Locale.ROOT), drops[reason.ordinal()]);
    }
    out.put("checksSent", checksSent);
    out.put("retransmissions", retransmissions);
    out.put("requestsAnswered", requestsAnswered);
    out.put("errorResponsesSent", errorResponsesSent);
    out.put("consentChecksSent", consentChecksSent);
    out.put("peerReflexiveLearned", peerReflexiveLearned);
    out.put("peerReflexiveEvicted", peerReflexiveEvicted);
    out.put("pairsPruned", pairsPruned);
    out.put("transactionsRefused", transactionsRefused);
    return out;
  }

  @Override
  public String toString() {
    return "IceCounters" + snapshot();
  }
}
