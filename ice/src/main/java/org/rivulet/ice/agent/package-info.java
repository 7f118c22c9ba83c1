/**
 * The ICE agent (RFC 8445 full ICE, both roles; RFC 8838 trickle; RFC 7675 consent freshness), sans I/O:
 * it reads and writes STUN through interfaces and keeps time through a {@link org.rivulet.ice.agent.Scheduler},
 * so one event loop drives it in production and a manual clock drives it in tests.
 *
 * <p>How the WebRTC endpoint uses it:
 * <ol>
 *   <li>Create an {@link org.rivulet.ice.agent.IceAgent} with the role (CONTROLLED when answering a browser's
 *       offer, CONTROLLING after {@code generateOffer}), an {@link org.rivulet.ice.agent.IceAgentConfig},
 *       an {@link org.rivulet.ice.agent.EventExecutorScheduler} on the pipeline's loop, an
 *       {@link org.rivulet.ice.agent.IceTransmitter} that writes to the right channel, and an
 *       {@link org.rivulet.ice.agent.IceAgentListener} that turns callbacks into Kurento events.
 *   <li>Bind a socket per host address ({@code org.rivulet.ice.gather.HostAddressEnumerator}) and add each
 *       with {@code addHostCandidate}; keep the returned {@link org.rivulet.ice.agent.LocalCandidate} with
 *       the channel. Put {@code localCredentials()} in the SDP; call {@code gatherCandidates()}.
 *   <li>From the peer's SDP and trickle: {@code setRemoteCredentials}, {@code addRemoteCandidate} (an empty
 *       candidate is end-of-candidates).
 *   <li>Hand every STUN datagram to {@code handleStun(base, sender, buf)} (the caller keeps and releases the
 *       buffer), and ask {@code isValidated(sender, base)} before passing DTLS or SRTP on.
 *   <li>Send media to the pair of {@code onSelectedPairChanged}; stop on {@code onConsentLost}; call
 *       {@code close()} on release.
 * </ol>
 *
 * <p>Threading: everything runs on the agent's event loop (Pion's task-loop idea: one task at a time, so
 * timers never race packets); public methods assert it. Ownership: see each method; buffers the agent
 * creates pass to the transmitter, outstanding requests are released on completion or {@code close()}.
 *
 * <p>Bad input never throws: malformed or unauthenticated STUN is answered with the RFC's error or dropped,
 * and counted per {@link org.rivulet.ice.agent.IceDropReason}; bad candidates come back as a
 * {@link org.rivulet.ice.agent.RemoteCandidateOutcome}. State is bounded: 100 pairs, 50 remote candidates,
 * 512 outstanding transactions, one new check per Ta.
 */
package org.rivulet.ice.agent;
