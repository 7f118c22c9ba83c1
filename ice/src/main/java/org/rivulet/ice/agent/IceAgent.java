package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.rivulet.ice.stun.MessageIntegrity;
import org.rivulet.ice.stun.StunDecoder;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunParseError;
import org.rivulet.ice.stun.StunParseResult;

/**
 * A full ICE agent (RFC 8445) for one component, with trickle (RFC 8838), consent freshness (RFC 7675) and
 * ICE restarts: the façade the WebRTC endpoint talks to. It does no I/O and owns no thread.
 *
 * <pre>
 *   endpoint ── addHostCandidate / gatherCandidates ──▶ IceAgent ──▶ IceAgentListener (candidates, states,
 *            ── setRemoteCredentials / addRemoteCandidate ──▶ │        selected pair, consent lost)
 *   socket ──── handleStun(base, from, datagram) ────────────▶ │ ──▶ IceTransmitter.send(base, to, datagram)
 *   demux ───── isValidated(remote, base) ───────────────────▶ │ ◀── Scheduler (timers, clock)
 * </pre>
 *
 * <p>Inside, each job has its class: {@link CandidateGatherer} keeps our candidates (asking a STUN server
 * through {@link StunBindingClient}), {@link RemoteCandidateAdmission} and {@link RemoteCandidateSet} take the
 * peer's, {@link Pairing} forms pairs in the {@link CheckList}, {@link BindingRequestHandler} answers checks,
 * {@link ConnectivityChecker} sends them, {@link StunTransactions} matches responses, {@link Nominator}
 * nominates, {@link ConsentFreshness} keeps consent, {@link RoleState} settles role conflicts. This class
 * wires them, selects the pair and keeps the component's state.
 *
 * <p>Threading: every method must be called on the scheduler's thread (the pipeline's event loop), which
 * is also where timers fire and listener callbacks run; entry points assert it. No locks.
 *
 * <p>Ownership: {@link #handleStun} does not take the datagram; everything the agent sends is a new buffer
 * whose ownership passes to the {@link IceTransmitter}. Outstanding requests hold their encoded bytes until
 * they finish; {@link #close()} releases them.
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>Host candidates must be bound to a specific interface address; the wildcard cannot be a base.
 *   <li>Listener callbacks run inside agent calls: post changes to the agent (restart, new candidates)
 *       rather than calling back in.
 *   <li>After {@link IceAgentListener#onConsentLost} the endpoint must stop sending media, and
 *       {@link #isValidated} is false for every address until a restart.
 * </ul>
 */
public final class IceAgent {

  private final IceAgentConfig config;
  private final Scheduler scheduler;
  private final IceAgentListener listener;
  private final SecureRandom random;
  private final IceCounters counters = new IceCounters();
  private final MessageIntegrity integrity = new MessageIntegrity();
  private final CredentialState credentials;
  private final RoleState roles;
  private final StunTransactions transactions;
  private final CheckList checkList;
  private final RemoteCandidateSet remotes;
  private final ConnectivityChecker checker;
  private final BindingRequestHandler requests;
  private final Nominator nominator;
  private final ConsentFreshness consent;
  private final ComponentStateTracker state;
  private final CandidateGatherer gatherer;
  private final Pairing pairing;

  private CandidatePair selected;
  private boolean consentLost;
  private boolean remoteEndOfCandidates;
  private boolean checksStarted;
  private Scheduler.Cancellable checklistTimer;
  private int peerReflexiveCount;
  private boolean closed;

  /**
   * A new agent with fresh random credentials and tie-breaker.
   *
   * @param role the starting role: CONTROLLED when answering an offer, CONTROLLING after generating one
   * @param alloc where the STUN messages the agent sends are allocated
   */
  public IceAgent(IceRole role, IceAgentConfig config, Scheduler scheduler, IceTransmitter transmitter,
      IceAgentListener listener, ByteBufAllocator alloc) {
    this(role, config, scheduler, transmitter, listener, alloc, IceCredentials.random(config.random()),
        config.random().nextLong());
  }

  /** Fixed credentials and tie-breaker, for tests that must know them. */
  IceAgent(IceRole role, IceAgentConfig config, Scheduler scheduler, IceTransmitter transmitter,
      IceAgentListener listener, ByteBufAllocator alloc, IceCredentials localCredentials, long tieBreaker) {
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(transmitter, "transmitter");
    this.listener = Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(alloc, "alloc");
    this.random = config.random();
    this.credentials = new CredentialState(Objects.requireNonNull(localCredentials, "localCredentials"));
    this.roles = new RoleState(Objects.requireNonNull(role, "role"), tieBreaker);
    StunEncoder encoder = new StunEncoder(integrity);
    IceTimings timings = config.timings();
    this.transactions = new StunTransactions(scheduler, transmitter, counters, integrity);
    this.checkList = new CheckList(config.maxCandidatePairs());
    this.remotes = new RemoteCandidateSet(config.maxRemoteCandidates());
    this.checker = new ConnectivityChecker(timings, scheduler, transactions, encoder, alloc, random, counters,
        checkList, credentials, roles, config.aggressiveNomination(), new CheckEvents());
    this.requests = new BindingRequestHandler(encoder, integrity, alloc, transmitter, credentials, roles,
        counters);
    this.nominator = new Nominator(scheduler, timings, checkList, checker);
    this.consent = new ConsentFreshness(timings, scheduler, random, new ConsentEvents());
    this.state = new ComponentStateTracker(listener);
    this.gatherer = new CandidateGatherer(config, listener,
        new StunBindingClient(transactions, encoder, alloc, random, timings.gathering()));
    this.pairing = new Pairing(checkList, transactions, roles, counters);
  }

  // ---------------------------------------------------------------------------------------------------
  // Local side

  /** Our current credentials, for {@code a=ice-ufrag} and {@code a=ice-pwd}. */
  public IceCredentials localCredentials() {
    return credentials.local;
  }

  public IceRole role() {
    return roles.role();
  }

  /**
   * Sets the role, when the offer/answer exchange decides it (for example a restart where we now offer).
   * Pair priorities are recomputed.
   */
  public void setRole(IceRole role) {
    assertLoop();
    Objects.requireNonNull(role, "role");
    if (role != roles.role()) {
      roles.setRole(role);
      onRoleChanged();
    }
  }

  /** Our 64-bit tie-breaker (RFC 8445 section 7.3.1.1). */
  public long tieBreaker() {
    return roles.tieBreaker();
  }

  /**
   * Adds a host candidate on a socket the caller bound. The priority follows {@link CandidatePriority}; the
   * advertised address is the configured external address of the same family, if any. If gathering has
   * started the candidate is reported at once.
   *
   * @param bound the socket's local address: a specific interface address and a port
   * @param protocol UDP, or TCP for a passive ICE-TCP listener
   * @param interfaceRank 0 for the preferred interface, then 1, 2...
   * @return the candidate; pass it as {@code base} to {@link #handleStun} for packets from that socket
   * @throws IllegalArgumentException for the wildcard address, port 0, or a socket already added
   */
  public LocalCandidate addHostCandidate(InetSocketAddress bound, TransportProtocol protocol, int interfaceRank) {
    assertLoop();
    requireOpen();
    LocalCandidate candidate = gatherer.addHost(bound, protocol, interfaceRank);
    for (RemoteCandidate remote : remotes.all()) {
      createPair(candidate, remote);
    }
    startChecksIfReady();
    checker.wake();
    return candidate;
  }

  /**
   * Kurento's {@code gatherCandidates}: reports every local candidate (GATHERING state), asks the STUN
   * server, if configured, for server-reflexive candidates, then reports gathering done. A second call does
   * nothing.
   */
  public void gatherCandidates() {
    assertLoop();
    requireOpen();
    if (gatherer.isStarted()) {
      return;
    }
    if (state.state() == IceComponentState.DISCONNECTED) {
      state.moveTo(IceComponentState.GATHERING);
    }
    gatherer.start();
  }

  /** Every local candidate: host candidates, then server-reflexive ones as found. Unmodifiable copy. */
  public List<LocalCandidate> localCandidates() {
    return List.copyOf(gatherer.all());
  }

  /** True once {@link IceAgentListener#onGatheringDone()} was called. */
  public boolean isGatheringDone() {
    return gatherer.isDone();
  }

  // ---------------------------------------------------------------------------------------------------
  // Remote side

  /**
   * Sets the peer's {@code ice-ufrag} and {@code ice-pwd} from its description. Different credentials than
   * before mean the peer restarted ICE: the agent restarts too (new local credentials, new check list) and
   * keeps the selected pair for media until a new one is selected.
   *
   * @throws IllegalArgumentException if the values are not valid ICE credentials (RFC 8839 lengths and
   *     characters)
   */
  public RemoteCredentialsOutcome setRemoteCredentials(String ufrag, String password) {
    assertLoop();
    requireOpen();
    IceCredentials remote = new IceCredentials(ufrag, password);
    RemoteCredentialsOutcome outcome = RemoteCredentialsOutcome.SET;
    if (credentials.remote != null) {
      if (credentials.remote.equals(remote)) {
        return RemoteCredentialsOutcome.UNCHANGED;
      }
      credentials.local = IceCredentials.random(random);
      restartChecks();
      outcome = RemoteCredentialsOutcome.RESTARTED;
    }
    credentials.remote = remote;
    for (RemoteCandidate queued : remotes.drainQueue()) {
      // Candidates of another generation than the one now set are stale (RFC 8445 section 9).
      if (queued.ufrag() == null || queued.ufrag().equals(remote.ufrag())) {
        addRemote(queued);
      }
    }
    startChecksIfReady();
    checker.wake();
    evaluateFailure();
    return outcome;
  }

  /**
   * Adds a remote candidate from the peer's description or from trickle ICE ({@code addIceCandidate}), in
   * the {@link CandidateSyntax} form. A null or blank candidate is end-of-candidates. Candidates that come
   * before the remote credentials are queued until they are set.
   *
   * @return what happened; only {@link RemoteCandidateOutcome#MALFORMED} is an error
   */
  public RemoteCandidateOutcome addRemoteCandidate(String candidate) {
    assertLoop();
    requireOpen();
    if (candidate == null || candidate.isBlank() || isEndOfCandidates(candidate)) {
      remoteEndOfCandidates = true;
      evaluateFailure();
      return RemoteCandidateOutcome.END_OF_CANDIDATES;
    }
    RemoteCandidateAdmission admission = RemoteCandidateAdmission.of(candidate, config.remoteAddressFilter());
    if (!admission.admitted()) {
      return admission.outcome();
    }
    RemoteCandidate remote = admission.candidate();
    if (credentials.remote == null
        || (remote.ufrag() != null && !remote.ufrag().equals(credentials.remote.ufrag()))) {
      return remotes.queue(remote) ? RemoteCandidateOutcome.QUEUED : RemoteCandidateOutcome.REJECTED_LIMIT;
    }
    RemoteCandidateOutcome outcome = addRemote(remote);
    startChecksIfReady();
    checker.wake();
    return outcome;
  }

  private static boolean isEndOfCandidates(String candidate) {
    String s = candidate.strip();
    return s.equals("a=end-of-candidates") || s.equals("end-of-candidates");
  }

  private RemoteCandidateOutcome addRemote(RemoteCandidate remote) {
    RemoteCandidate known = remotes.find(remote.protocol(), remote.address());
    if (known != null) {
      if (known.type() == CandidateType.PEER_REFLEXIVE && remote.type() != CandidateType.PEER_REFLEXIVE) {
        // Learned from a check first, signalled later (trickle): keep the pairs and their states, take the
        // signalled type and priority.
        RemoteCandidate replacement = known.signalledAs(remote);
        remotes.replace(known, replacement);
        pairing.replaceRemote(known, replacement);
        return RemoteCandidateOutcome.ADDED;
      }
      return RemoteCandidateOutcome.DUPLICATE;
    }
    if (remotes.isFull()) {
      return RemoteCandidateOutcome.REJECTED_LIMIT;
    }
    remotes.add(remote);
    for (LocalCandidate base : gatherer.bases()) {
      createPair(base, remote);
    }
    return RemoteCandidateOutcome.ADDED;
  }

  /** The peer's current credentials, or null before its description (and right after a restart). */
  public IceCredentials remoteCredentials() {
    return credentials.remote;
  }

  /** The remote candidates of the current generation. Unmodifiable copy. */
  public List<RemoteCandidate> remoteCandidates() {
    return List.copyOf(remotes.all());
  }

  // ---------------------------------------------------------------------------------------------------
  // Pairs

  /**
   * Forms the pair (see {@link Pairing}) and, if that gives a FAILED check list a new chance, goes back to
   * CONNECTING (trickle, RFC 8838). Returns the pair, or null.
   */
  private CandidatePair createPair(LocalCandidate base, RemoteCandidate remote) {
    CandidatePair pair = pairing.pair(base, remote, selected);
    if (pair != null && pair.state != CandidatePairState.FAILED && state.state() == IceComponentState.FAILED
        && !consentLost && checksStarted) {
      state.moveTo(IceComponentState.CONNECTING);
      armChecklistTimer();
    }
    return pair;
  }

  private void startChecksIfReady() {
    if (checksStarted || credentials.remote == null || checkList.size() == 0 || consentLost) {
      return;
    }
    checksStarted = true;
    IceComponentState s = state.state();
    if (s == IceComponentState.DISCONNECTED || s == IceComponentState.GATHERING || s == IceComponentState.FAILED) {
      state.moveTo(IceComponentState.CONNECTING);
    }
    armChecklistTimer();
  }

  private void armChecklistTimer() {
    if (checklistTimer != null) {
      checklistTimer.cancel();
    }
    checklistTimer = scheduler.schedule(this::checklistTimeout, config.timings().checklistTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** No check succeeded within the timeout: FAILED, though late successes may still revive the list. */
  private void checklistTimeout() {
    checklistTimer = null;
    if (!closed && selected == null && checkList.bestValid() == null && !consentLost) {
      state.moveTo(IceComponentState.FAILED);
    }
  }

  /** FAILED when the peer has no more candidates and every pair we could check has failed. */
  private void evaluateFailure() {
    if (consentLost || selected != null || !remoteEndOfCandidates || !checksStarted
        || checkList.bestValid() != null || checkList.hasPending()) {
      return;
    }
    state.moveTo(IceComponentState.FAILED);
  }

  /** Snapshots of every pair in priority order, for Kurento's {@code ICECandidatePairs}. */
  public List<CandidatePairInfo> candidatePairs() {
    List<CandidatePairInfo> out = new ArrayList<>(checkList.size());
    for (CandidatePair pair : checkList.pairs()) {
      out.add(pair.info());
    }
    return out;
  }

  /** The pair media goes to, or null. */
  public CandidatePairInfo selectedPair() {
    return selected == null ? null : selected.info();
  }

  public IceComponentState state() {
    return state.state();
  }

  public IceCounters counters() {
    return counters;
  }

  /**
   * True when packets from {@code remote} on {@code base} may be accepted by DTLS and SRTP: it is the
   * selected pair's address, or a pair with it succeeded or received an authenticated check
   * (RELIABILITY.md B2; mediasoup's {@code IsValidTuple}). False for everything once consent is lost.
   * Constant time for the selected pair, a scan of at most {@code maxCandidatePairs} otherwise.
   */
  public boolean isValidated(InetSocketAddress remote, LocalCandidate base) {
    assertLoop();
    if (consentLost || closed) {
      return false;
    }
    if (selected != null && selected.matches(base, remote)) {
      return true;
    }
    CandidatePair pair = checkList.find(base, remote);
    return pair != null && (pair.isValid() || pair.requestReceived);
  }

  private void reportValidated(CandidatePair pair) {
    if (!pair.validationReported && (pair.isValid() || pair.requestReceived)) {
      pair.validationReported = true;
      listener.onRemoteAddressValidated(pair.local, pair.remote().address());
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Inbound STUN

  /**
   * Handles a STUN message that arrived on {@code base}'s socket from {@code from}: a connectivity check to
   * answer, a response to one of our requests, or something to drop and count.
   *
   * @param datagram the message; does not take ownership, the caller releases it
   */
  public void handleStun(LocalCandidate base, InetSocketAddress from, ByteBuf datagram) {
    assertLoop();
    if (closed) {
      return;
    }
    if (!gatherer.isBase(base) || from == null || from.isUnresolved()) {
      counters.drop(IceDropReason.UNKNOWN_BASE);
      return;
    }
    StunParseResult result = StunDecoder.decode(datagram);
    if (!result.isSuccess()) {
      counters.drop(result.error() == StunParseError.BAD_FINGERPRINT
          ? IceDropReason.BAD_FINGERPRINT : IceDropReason.MALFORMED);
      return;
    }
    StunMessage message = result.message();
    switch (message.messageClass()) {
      case REQUEST -> handleRequest(base, from, datagram, message);
      case INDICATION -> counters.drop(IceDropReason.INDICATION);
      case SUCCESS_RESPONSE, ERROR_RESPONSE -> transactions.handleResponse(base, from, datagram, message);
    }
  }

  private void handleRequest(LocalCandidate base, InetSocketAddress from, ByteBuf datagram, StunMessage message) {
    IceRole before = roles.role();
    BindingRequestHandler.Accepted accepted = requests.handle(base, from, datagram, message);
    if (roles.role() != before) {
      onRoleChanged();
    }
    if (accepted == null) {
      return;
    }
    RemoteCandidate remote = remotes.find(base.protocol(), from);
    if (remote == null) {
      remote = learnPeerReflexive(base, from, accepted.priority());
      if (remote == null) {
        return;
      }
    }
    CandidatePair pair = checkList.find(base, from);
    if (pair == null) {
      pair = createPair(base, remote);
      if (pair == null) {
        return;
      }
    }
    pair.requestReceived = true;
    reportValidated(pair);
    // RFC 8445 section 7.3.1.4: a triggered check, unless the pair already succeeded or is being checked.
    if (pair.checkable && pair.state != CandidatePairState.SUCCEEDED && pair.state != CandidatePairState.IN_PROGRESS) {
      pair.state = CandidatePairState.WAITING;
      checkList.enqueueTriggered(pair);
    }
    // RFC 8445 section 7.3.1.5: USE-CANDIDATE nominates the pair for the controlled agent, at once if our
    // own check already succeeded, otherwise when it does.
    if (accepted.useCandidate() && roles.role() == IceRole.CONTROLLED) {
      if (pair.isValid()) {
        pair.nominated = true;
        select(pair);
      } else {
        pair.nominateOnSuccess = true;
      }
    }
    startChecksIfReady();
    checker.wake();
  }

  /**
   * RFC 8445 section 7.3.1.3: a check from an address we do not know is a peer-reflexive candidate, with the
   * priority from its PRIORITY attribute. At the bound, the oldest peer-reflexive candidate not in use is
   * evicted (RELIABILITY.md B2 item 17); if there is none, nothing is learned.
   */
  private RemoteCandidate learnPeerReflexive(LocalCandidate base, InetSocketAddress from, long priority) {
    if (remotes.isFull()) {
      RemoteCandidate victim = remotes.oldestPeerReflexive(c -> selected != null && selected.remote() == c);
      if (victim == null) {
        counters.drop(IceDropReason.CANDIDATE_LIMIT);
        return null;
      }
      remotes.remove(victim);
      pairing.removePairsOf(victim);
      counters.peerReflexiveEvicted++;
    }
    RemoteCandidate learned = new RemoteCandidate("prflx" + (++peerReflexiveCount), 1, base.protocol(), priority,
        from, CandidateType.PEER_REFLEXIVE, null, base.protocol() == TransportProtocol.TCP ? TcpType.ACTIVE : null,
        null);
    // Paired with the receiving base only (RFC 8445 section 7.3.1.4), by the caller.
    remotes.add(learned);
    counters.peerReflexiveLearned++;
    return learned;
  }

  // ---------------------------------------------------------------------------------------------------
  // Nomination, selection, roles

  /**
   * Makes {@code pair} the selected pair if none is, if the current one belongs to a previous generation,
   * or if {@code pair} has a higher priority (a later, better nomination replaces an earlier one).
   */
  private void select(CandidatePair pair) {
    if (consentLost || selected == pair) {
      return;
    }
    if (hasCurrentSelection() && pair.priority() <= selected.priority()) {
      return;
    }
    selected = pair;
    // RFC 8445 section 8.1.2: with a nominated pair the check list is complete; only triggered checks and
    // consent checks go on.
    checker.setCompleted(true);
    consent.start(pair);
    if (checklistTimer != null) {
      checklistTimer.cancel();
      checklistTimer = null;
    }
    state.moveTo(IceComponentState.READY);
    listener.onSelectedPairChanged(pair.info());
    nominator.evaluate(roles.role(), true);
  }

  private void onRoleChanged() {
    checkList.updatePriorities(roles.role());
    if (roles.role() == IceRole.CONTROLLED) {
      for (CandidatePair pair : checkList.pairs()) {
        pair.nominationRequested = false;
      }
    }
    nominator.reset();
    nominator.evaluate(roles.role(), hasCurrentSelection());
  }

  /** True when the selected pair belongs to the current check list (not one kept across a restart). */
  private boolean hasCurrentSelection() {
    return selected != null && checkList.pairs().contains(selected);
  }

  // ---------------------------------------------------------------------------------------------------
  // Restart and close

  /**
   * Restarts ICE from our side (RFC 8445 section 9), for example before {@code generateOffer} with
   * {@code iceRestart}: new local credentials, the peer's credentials and candidates forgotten until its
   * new description arrives, a new check list. The selected pair keeps carrying media until a new pair is
   * selected or its consent runs out. Local candidates are kept; signal them again with the new
   * credentials.
   *
   * @return the new local credentials
   */
  public IceCredentials restart() {
    assertLoop();
    requireOpen();
    credentials.local = IceCredentials.random(random);
    restartChecks();
    return credentials.local;
  }

  private void restartChecks() {
    transactions.cancelIf(tx -> !tx.survivesRestart());
    checkList.clear();
    remotes.clear();
    credentials.remote = null;
    remoteEndOfCandidates = false;
    checker.reset();
    nominator.reset();
    if (checklistTimer != null) {
      checklistTimer.cancel();
      checklistTimer = null;
    }
    checksStarted = false;
    consentLost = false;
    if (selected != null) {
      consent.pauseChecks();
    } else if (state.state() != IceComponentState.GATHERING) {
      state.moveTo(IceComponentState.DISCONNECTED);
    }
  }

  /**
   * Stops everything: timers, outstanding requests (their buffers are released). Idempotent; afterwards
   * inbound messages are ignored and the mutators throw.
   */
  public void close() {
    assertLoop();
    if (closed) {
      return;
    }
    closed = true;
    checker.stop();
    nominator.reset();
    consent.stop();
    if (checklistTimer != null) {
      checklistTimer.cancel();
      checklistTimer = null;
    }
    transactions.cancelAll();
  }

  /** Outstanding STUN transactions, for tests and stats. */
  int pendingTransactions() {
    return transactions.size();
  }

  private void assertLoop() {
    assert scheduler.inEventLoop() : "IceAgent used off its event loop";
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the ICE agent is closed");
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Events from the helpers

  private final class CheckEvents implements ConnectivityChecker.Events {

    /** RFC 8445 section 7.2.5.3: the pair is valid; unfreeze its foundation, nominate or select. */
    @Override
    public void onCheckSucceeded(CandidatePair pair, boolean useCandidate, InetSocketAddress mapped) {
      reportValidated(pair);
      consent.granted(pair);
      checkList.unfreeze(pair.foundation());
      IceComponentState s = state.state();
      if (s != IceComponentState.READY && s != IceComponentState.CONNECTED && !consentLost) {
        state.moveTo(IceComponentState.CONNECTED);
      }
      if ((roles.role() == IceRole.CONTROLLING && useCandidate)
          || (roles.role() == IceRole.CONTROLLED && pair.nominateOnSuccess)) {
        pair.nominated = true;
        select(pair);
      }
      nominator.evaluate(roles.role(), hasCurrentSelection());
      checker.wake();
    }

    @Override
    public void onCheckFailed(CandidatePair pair) {
      nominator.evaluate(roles.role(), hasCurrentSelection());
      evaluateFailure();
      checker.wake();
    }

    @Override
    public void onConsentGranted(CandidatePair pair) {
      consent.granted(pair);
    }

    /** RFC 8445 section 7.2.5.1: switch role (once) and check the pair again. */
    @Override
    public void onRoleConflict(CandidatePair pair, IceRole roleWhenSent) {
      if (roles.onRoleConflictResponse(roleWhenSent)) {
        onRoleChanged();
      }
      if (checkList.pairs().contains(pair)) {
        if (pair.state != CandidatePairState.SUCCEEDED) {
          pair.state = CandidatePairState.WAITING;
        }
        checkList.enqueueTriggered(pair);
        checker.wake();
      }
    }
  }

  private final class ConsentEvents implements ConsentFreshness.Events {

    @Override
    public void sendConsentCheck(CandidatePair pair) {
      checker.sendConsentCheck(pair);
    }

    /**
     * RFC 7675 section 5.1: stop sending. For the pair of the current generation that is the end of the
     * session (DISCONNECTED, then FAILED: the same credentials must not be reused on it); for a pair kept
     * across a restart, the new generation carries on.
     */
    @Override
    public void onConsentExpired(CandidatePair pair) {
      CandidatePairInfo info = pair.info();
      selected = null;
      if (!checkList.pairs().contains(pair)) {
        listener.onConsentLost(info);
        state.moveTo(checkList.bestValid() != null ? IceComponentState.CONNECTED
            : checksStarted ? IceComponentState.CONNECTING : IceComponentState.DISCONNECTED);
        return;
      }
      consentLost = true;
      checker.stop();
      nominator.reset();
      transactions.cancelIf(tx -> !tx.survivesRestart());
      state.moveTo(IceComponentState.DISCONNECTED);
      listener.onConsentLost(info);
      state.moveTo(IceComponentState.FAILED);
    }
  }
}
