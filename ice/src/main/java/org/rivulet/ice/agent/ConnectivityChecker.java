package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.rivulet.ice.stun.ErrorCode;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.TransactionId;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Sends connectivity checks (RFC 8445 section 7.2) and turns their outcomes into pair states.
 *
 * <p>Pacing: one new check per Ta (section 6.1.4.2), the triggered-check queue first, then ordinary checks
 * in priority order; retransmissions and consent checks are not paced. A check carries USERNAME
 * {@code theirUfrag:ourUfrag}, PRIORITY (the peer-reflexive priority of its base, section 7.1.1), our role
 * attribute with the tie-breaker, USE-CANDIDATE when nominating (always, with aggressive nomination),
 * MESSAGE-INTEGRITY keyed with the peer's password, and FINGERPRINT.
 *
 * <p>Outcomes go to {@link Events}; the agent decides what a success means for nomination and state.
 * Ownership: every request is encoded into a buffer handed to {@link StunTransactions}. Single-threaded.
 */
final class ConnectivityChecker {

  /** What checks tell the agent. */
  interface Events {
    /** A check (not a consent check) on {@code pair} succeeded; the pair is already SUCCEEDED. */
    void onCheckSucceeded(CandidatePair pair, boolean useCandidate, InetSocketAddress mapped);

    /** A check on {@code pair} failed (timeout or error); the pair is already FAILED. */
    void onCheckFailed(CandidatePair pair);

    /** A consent check on {@code pair} succeeded (RFC 7675). */
    void onConsentGranted(CandidatePair pair);

    /** A 487 answered a check sent in {@code roleWhenSent} (RFC 8445 section 7.2.5.1). */
    void onRoleConflict(CandidatePair pair, IceRole roleWhenSent);
  }

  private final IceTimings timings;
  private final Scheduler scheduler;
  private final StunTransactions transactions;
  private final StunEncoder encoder;
  private final ByteBufAllocator alloc;
  private final SecureRandom random;
  private final IceCounters counters;
  private final CheckList checkList;
  private final CredentialState credentials;
  private final RoleState roles;
  private final boolean aggressive;
  private final Events events;

  private Scheduler.Cancellable pacer;
  private long lastCheckNanos;
  private boolean sentAny;
  /** No ordinary checks any more (a pair is selected); triggered checks go on. */
  private boolean completed;
  private boolean stopped;

  ConnectivityChecker(IceTimings timings, Scheduler scheduler, StunTransactions transactions, StunEncoder encoder,
      ByteBufAllocator alloc, SecureRandom random, IceCounters counters, CheckList checkList,
      CredentialState credentials, RoleState roles, boolean aggressive, Events events) {
    this.timings = timings;
    this.scheduler = scheduler;
    this.transactions = transactions;
    this.encoder = encoder;
    this.alloc = alloc;
    this.random = random;
    this.counters = counters;
    this.checkList = checkList;
    this.credentials = credentials;
    this.roles = roles;
    this.aggressive = aggressive;
    this.events = events;
  }

  /** Whether checks on this pair carry USE-CANDIDATE now. */
  boolean nominates(CandidatePair pair) {
    return roles.role() == IceRole.CONTROLLING && (aggressive || pair.nominationRequested);
  }

  boolean isAggressive() {
    return aggressive;
  }

  /** Stops or resumes ordinary checks; triggered checks always run. */
  void setCompleted(boolean completed) {
    this.completed = completed;
    wake();
  }

  /** Stops all checking until {@link #resume()} (consent lost, agent closed). */
  void stop() {
    stopped = true;
    if (pacer != null) {
      pacer.cancel();
      pacer = null;
    }
  }

  void resume() {
    stopped = false;
    completed = false;
    wake();
  }

  /** Starts the pacer if there is a check to send and the peer's credentials are known. */
  void wake() {
    if (stopped || pacer != null || !credentials.hasRemote()) {
      return;
    }
    if (!checkList.hasTriggered() && (completed || !checkList.hasOrdinaryWork())) {
      return;
    }
    long delay = sentAny ? Math.max(0, lastCheckNanos + timings.pacing().toNanos() - scheduler.nanoTime()) : 0;
    pacer = scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    pacer = null;
    if (stopped || !credentials.hasRemote()) {
      return;
    }
    CandidatePair pair = checkList.pollTriggered();
    while (pair != null && pair.activeCheck != null) {
      // Already being checked: its retransmissions do the job (section 7.3.1.4 simplified: the in-progress
      // transaction is kept rather than cancelled and replaced).
      pair = checkList.pollTriggered();
    }
    if (pair == null && !completed) {
      pair = checkList.nextOrdinary();
    }
    if (pair == null) {
      // Idle. wake() is approximate about frozen pairs, so it is not asked again here: that could spin on a
      // foundation whose only unfrozen pair is in progress. Check outcomes and new pairs wake the pacer.
      return;
    }
    send(pair);
    lastCheckNanos = scheduler.nanoTime();
    sentAny = true;
    wake();
  }

  /** True once any check was sent since the last reset. */
  boolean hasStarted() {
    return sentAny;
  }

  /** Forgets pacing history (restart). */
  void reset() {
    if (pacer != null) {
      pacer.cancel();
      pacer = null;
    }
    sentAny = false;
    completed = false;
    stopped = false;
  }

  private void send(CandidatePair pair) {
    boolean useCandidate = nominates(pair);
    CheckTransaction tx = new CheckTransaction(TransactionId.random(random), pair, useCandidate, roles.role(),
        false);
    if (transactions.start(tx, encode(tx))) {
      pair.activeCheck = tx;
      if (pair.state != CandidatePairState.SUCCEEDED) {
        pair.state = CandidatePairState.IN_PROGRESS;
      }
      counters.checksSent++;
    }
  }

  /** Sends a consent freshness check on the selected pair at once (RFC 7675 section 5.1). */
  void sendConsentCheck(CandidatePair pair) {
    if (stopped || !credentials.hasRemote()) {
      return;
    }
    CheckTransaction tx = new CheckTransaction(TransactionId.random(random), pair, false, roles.role(), true);
    if (transactions.start(tx, encode(tx))) {
      counters.checksSent++;
      counters.consentChecksSent++;
    }
  }

  private ByteBuf encode(CheckTransaction tx) {
    StunMessage.Builder request = StunMessage.request(StunMethod.BINDING, tx.id)
        .add(new Username(credentials.remote.ufrag() + ":" + credentials.local.ufrag()))
        .add(new Priority(tx.pair.local.peerReflexivePriority()))
        .add(roles.roleAttribute());
    if (tx.useCandidate) {
      request.add(UseCandidate.INSTANCE);
    }
    return encoder.encode(request.build(), credentials.remote.key(), true, alloc);
  }

  private void succeeded(CheckTransaction tx, StunMessage response) {
    CandidatePair pair = tx.pair;
    if (tx.consent) {
      events.onConsentGranted(pair);
      return;
    }
    pair.state = CandidatePairState.SUCCEEDED;
    XorMappedAddress mapped = response.attribute(XorMappedAddress.class);
    events.onCheckSucceeded(pair, tx.useCandidate, mapped == null ? null : mapped.address());
  }

  private void failed(CheckTransaction tx, StunMessage errorResponse) {
    CandidatePair pair = tx.pair;
    ErrorCode error = errorResponse == null ? null : errorResponse.attribute(ErrorCode.class);
    if (error != null && error.code() == ErrorCode.ROLE_CONFLICT.code()) {
      events.onRoleConflict(pair, tx.roleWhenSent);
      return;
    }
    if (tx.consent) {
      return; // consent simply is not refreshed; ConsentFreshness times it out
    }
    pair.state = CandidatePairState.FAILED;
    pair.nominationRequested = false;
    events.onCheckFailed(pair);
  }

  /** A connectivity or consent check in flight. */
  private final class CheckTransaction extends StunTransaction {
    final CandidatePair pair;
    final boolean useCandidate;
    final IceRole roleWhenSent;
    final boolean consent;

    CheckTransaction(TransactionId id, CandidatePair pair, boolean useCandidate, IceRole roleWhenSent,
        boolean consent) {
      super(id, pair.local, pair.remote().address(), credentials.remote.key(), true, timings.checks());
      this.pair = pair;
      this.useCandidate = useCandidate;
      this.roleWhenSent = roleWhenSent;
      this.consent = consent;
    }

    @Override
    void onResponse(StunMessage response) {
      release();
      if (response.messageClass() == StunClass.SUCCESS_RESPONSE) {
        succeeded(this, response);
      } else {
        failed(this, response);
      }
    }

    @Override
    void onTimeout() {
      release();
      failed(this, null);
    }

    @Override
    void onCancelled() {
      release();
    }

    private void release() {
      if (pair.activeCheck == this) {
        pair.activeCheck = null;
      }
    }
  }
}
