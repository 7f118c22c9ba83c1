package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.rivulet.ice.stun.ErrorCode;
import org.rivulet.ice.stun.MessageIntegrity;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.TransactionId;

/**
 * The table of our outstanding STUN requests, keyed by transaction id: sends each request, retransmits it
 * on the {@link RetransmissionSchedule} of its transaction, matches and authenticates responses
 * ({@link #handleResponse}), and times requests out.
 *
 * <p>Bounded by {@link #MAX_PENDING}: checks are paced (Ta) and time out within seconds, so a full table
 * means something is wrong, and new requests are refused rather than queued.
 *
 * <p>Ownership: {@link #start} takes the encoded request; every retransmission hands the transmitter a
 * retained duplicate; the request is released when the transaction finishes in any way.
 *
 * <p>Single-threaded: the agent's thread only.
 */
final class StunTransactions {

  /** The most outstanding requests. */
  static final int MAX_PENDING = 512;

  private final Map<TransactionId, StunTransaction> pending = new HashMap<>();
  private final Scheduler scheduler;
  private final IceTransmitter transmitter;
  private final IceCounters counters;
  private final MessageIntegrity integrity;

  StunTransactions(Scheduler scheduler, IceTransmitter transmitter, IceCounters counters,
      MessageIntegrity integrity) {
    this.scheduler = scheduler;
    this.transmitter = transmitter;
    this.counters = counters;
    this.integrity = integrity;
  }

  /**
   * Sends {@code tx}'s first request and arms its retransmission timer.
   *
   * @param request the encoded request; takes ownership, released even when the table is full
   * @return false (and nothing sent) when {@link #MAX_PENDING} requests are outstanding or the id is in use
   */
  boolean start(StunTransaction tx, ByteBuf request) {
    if (pending.size() >= MAX_PENDING || pending.containsKey(tx.id)) {
      request.release();
      counters.transactionsRefused++;
      return false;
    }
    tx.request = request;
    pending.put(tx.id, tx);
    transmit(tx);
    return true;
  }

  /**
   * Matches a response to our request and hands it over (RFC 8489 section 6.3.3): a known transaction id,
   * the same socket and source address as the request's destination (RFC 8445 section 7.2.5.2.1),
   * FINGERPRINT and MESSAGE-INTEGRITY as the transaction demands (400 and 401 may come without
   * MESSAGE-INTEGRITY, RFC 8489 section 9.1.4), no unknown comprehension-required attribute. Anything else
   * is counted and ignored, and the transaction stays open.
   *
   * @param datagram the bytes {@code response} was decoded from; does not take ownership
   */
  void handleResponse(LocalCandidate base, InetSocketAddress from, ByteBuf datagram, StunMessage response) {
    StunTransaction tx = pending.get(response.transactionId());
    if (tx == null) {
      counters.drop(IceDropReason.UNKNOWN_TRANSACTION);
      return;
    }
    if (tx.base != base || !tx.destination.equals(from)) {
      counters.drop(IceDropReason.NON_SYMMETRIC_RESPONSE);
      return;
    }
    if (tx.fingerprintRequired && !response.hasFingerprint()) {
      counters.drop(IceDropReason.NO_FINGERPRINT);
      return;
    }
    if (tx.responseKey != null) {
      boolean authentic = response.hasMessageIntegrity()
          ? integrity.verify(datagram, response, tx.responseKey)
          : isUnauthenticatedError(response);
      if (!authentic) {
        counters.drop(IceDropReason.BAD_INTEGRITY);
        return;
      }
    }
    if (!response.unknownComprehensionRequired().isEmpty()) {
      counters.drop(IceDropReason.UNKNOWN_ATTRIBUTE_IN_RESPONSE);
      return;
    }
    finish(tx);
    tx.onResponse(response);
  }

  private static boolean isUnauthenticatedError(StunMessage response) {
    if (response.messageClass() != StunClass.ERROR_RESPONSE) {
      return false;
    }
    ErrorCode error = response.attribute(ErrorCode.class);
    return error != null && (error.code() == ErrorCode.BAD_REQUEST.code()
        || error.code() == ErrorCode.UNAUTHENTICATED.code());
  }

  /** The outstanding transaction with this id, or null. */
  StunTransaction get(TransactionId id) {
    return pending.get(id);
  }

  /** Removes {@code tx}, stops its timer and releases its request; a no-op if it already finished. */
  void finish(StunTransaction tx) {
    if (pending.get(tx.id) != tx) {
      return;
    }
    pending.remove(tx.id);
    if (tx.timer != null) {
      tx.timer.cancel();
      tx.timer = null;
    }
    ByteBuf request = tx.request;
    tx.request = null;
    request.release();
  }

  /** Finishes {@code tx} without an outcome and tells it so. */
  void cancel(StunTransaction tx) {
    if (pending.get(tx.id) == tx) {
      finish(tx);
      tx.onCancelled();
    }
  }

  /** Cancels every outstanding transaction (close). */
  void cancelAll() {
    cancelIf(tx -> true);
  }

  /** Cancels the outstanding transactions {@code which} selects (restart: the checks). */
  void cancelIf(Predicate<StunTransaction> which) {
    List<StunTransaction> selected = new ArrayList<>();
    for (StunTransaction tx : pending.values()) {
      if (which.test(tx)) {
        selected.add(tx);
      }
    }
    for (StunTransaction tx : selected) {
      cancel(tx);
    }
  }

  int size() {
    return pending.size();
  }

  private void transmit(StunTransaction tx) {
    tx.transmissions++;
    if (tx.transmissions == 1 || tx.base.protocol() == TransportProtocol.UDP) {
      if (tx.transmissions > 1) {
        counters.retransmissions++;
      }
      transmitter.send(tx.base, tx.destination, tx.request.retainedDuplicate().touch("ICE request to transmitter"));
    }
    long wait = tx.schedule.waitAfterNanos(tx.transmissions);
    tx.timer = scheduler.schedule(() -> onTimer(tx), wait, TimeUnit.NANOSECONDS);
  }

  private void onTimer(StunTransaction tx) {
    if (pending.get(tx.id) != tx) {
      return;
    }
    tx.timer = null;
    if (tx.transmissions >= tx.schedule.maxTransmissions()) {
      finish(tx);
      tx.onTimeout();
    } else {
      transmit(tx);
    }
  }
}
