package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.TransactionId;

/**
 * One outstanding STUN request of ours: where it went, how to authenticate its response, and what to do
 * with the outcome. {@link StunTransactions} sends, retransmits, matches and finishes it; subclasses say
 * what a response or a timeout means (a connectivity check, a consent check, a request to a STUN server).
 *
 * <p>Owns the encoded request from {@link StunTransactions#start} until it is finished.
 */
abstract class StunTransaction {

  final TransactionId id;
  final LocalCandidate base;
  final InetSocketAddress destination;
  /** The key a response's MESSAGE-INTEGRITY must verify with, or null when responses carry none. */
  final byte[] responseKey;
  /** Whether a response without FINGERPRINT is dropped (RFC 8445 section 7.2.2 for checks). */
  final boolean fingerprintRequired;
  final RetransmissionSchedule schedule;

  ByteBuf request;
  int transmissions;
  Scheduler.Cancellable timer;

  StunTransaction(TransactionId id, LocalCandidate base, InetSocketAddress destination, byte[] responseKey,
      boolean fingerprintRequired, RetransmissionSchedule schedule) {
    this.id = id;
    this.base = base;
    this.destination = destination;
    this.responseKey = responseKey;
    this.fingerprintRequired = fingerprintRequired;
    this.schedule = schedule;
  }

  /**
   * A success or error response arrived, from {@link #destination} on {@link #base}, authenticated as
   * {@link #responseKey} demands. The transaction is already finished.
   */
  abstract void onResponse(StunMessage response);

  /** No response after the last retransmission. The transaction is already finished. */
  abstract void onTimeout();

  /** The transaction was dropped without an outcome (restart, pair pruned, agent closed). */
  void onCancelled() {}

  /** Whether an ICE restart leaves this transaction running (requests to a STUN server do). */
  boolean survivesRestart() {
    return false;
  }
}
