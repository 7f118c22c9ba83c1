package org.rivulet.ice.agent;

/**
 * The state of the one ICE component (rtcp-mux and BUNDLE are assumed), named as Kurento's
 * {@code IceComponentState} enum so that {@code IceComponentStateChanged} events can carry
 * {@link #name()} unchanged.
 *
 * <pre>
 *  DISCONNECTED --gatherCandidates--&gt; GATHERING --checks start--&gt; CONNECTING --a check succeeds--&gt; CONNECTED
 *        ^                                                              |                               |
 *        | restart() with no selected pair                              | all pairs failed / timeout    | a pair is selected
 *        |                                                              v                               v
 *  consent lost (RFC 7675) &lt;--------------------------------------- FAILED &lt;-- DISCONNECTED &lt;------- READY
 * </pre>
 */
public enum IceComponentState {
  /** Nothing started yet, or consent to send was lost on the selected pair (RFC 7675 section 5.1). */
  DISCONNECTED,
  /** Local candidates are being gathered. */
  GATHERING,
  /** Connectivity checks are running and none has succeeded yet. */
  CONNECTING,
  /** At least one pair succeeded (is valid) but none is selected yet. */
  CONNECTED,
  /** A pair is nominated and selected; media may flow on it. */
  READY,
  /** Every pair failed, no check succeeded in time, or consent was lost; only an ICE restart helps. */
  FAILED
}
