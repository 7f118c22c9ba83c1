package org.rivulet.ice.agent;

import java.net.InetSocketAddress;

/**
 * What the agent tells the WebRTC endpoint, mapped one to one onto Kurento's events
 * ({@code IceCandidateFound}, {@code IceGatheringDone}, {@code IceComponentStateChanged},
 * {@code NewCandidatePairSelected}) plus what the packet path needs.
 *
 * <p>Every method runs on the agent's thread, inside an agent call. A listener may read the agent but should
 * not change it from within a callback (add candidates, restart); post such work to the loop instead. Each
 * method has an empty default.
 */
public interface IceAgentListener {

  /** A local candidate to signal: {@code IceCandidateFound} with {@link LocalCandidate#candidateString()}. */
  default void onLocalCandidate(LocalCandidate candidate) {}

  /** No more local candidates will be found: {@code IceGatheringDone}. */
  default void onGatheringDone() {}

  /** The component's state changed: {@code IceComponentStateChanged} with {@code current.name()}. */
  default void onComponentStateChanged(IceComponentState previous, IceComponentState current) {}

  /**
   * Media now goes to {@code pair}: {@code NewCandidatePairSelected} with
   * {@link CandidatePairInfo#localCandidateString()} and {@link CandidatePairInfo#remoteCandidateString()}.
   * Send DTLS, RTP and RTCP from {@code pair.local().base()} to {@code pair.remote().address()}.
   */
  default void onSelectedPairChanged(CandidatePairInfo pair) {}

  /**
   * ICE validated {@code remote} as seen on {@code base}: a check on the pair succeeded or the peer sent an
   * authenticated check from it. DTLS and SRTP may accept packets from it from now on;
   * {@link IceAgent#isValidated} answers the same question per packet.
   */
  default void onRemoteAddressValidated(LocalCandidate base, InetSocketAddress remote) {}

  /**
   * Consent to send on the selected pair expired (RFC 7675 section 5.1): stop sending media now. The state
   * moves to DISCONNECTED and then FAILED; only an ICE restart recovers.
   */
  default void onConsentLost(CandidatePairInfo pair) {}
}
