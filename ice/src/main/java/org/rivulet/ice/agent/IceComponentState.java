package org.rivulet.ice.agent;

/**
 * The state of the one ICE component (rtcp-mux and BUNDLE are assumed), named as Kurento's
 * {@code IceComponentState} enum so that {@code IceComponentStateChanged} events can carry
 * {@link #name()} unchanged.
 *
 * <pre>
 *  DISCONNECTED ─gatherCandidates()─▶ GATHERING ─checks start─▶ CONNECTING ─a check succeeds─▶ CONNECTED
 *                                                                 │    ▲                          │
 *                            every pair failed, or no success     │    │ a new pair (trickle)     │ a pair is
 *                            within 30 s                          ▼    │                          ▼ selected
 *                                                                FAILED ◀── DISCONNECTED ◀────── READY
 *                                                                           consent lost (RFC 7675)
 *  restart() without a selected pair: back to DISCONNECTED.
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
