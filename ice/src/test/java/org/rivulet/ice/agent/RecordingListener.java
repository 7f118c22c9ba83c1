package org.rivulet.ice.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Records every callback with the scheduler's time, for assertions. */
final class RecordingListener implements IceAgentListener {

  record StateChange(long atNanos, IceComponentState from, IceComponentState to) {}

  record Validated(LocalCandidate base, InetSocketAddress remote) {}

  private final Scheduler clock;
  final List<LocalCandidate> candidates = new ArrayList<>();
  final List<StateChange> states = new ArrayList<>();
  final List<CandidatePairInfo> selections = new ArrayList<>();
  final List<Validated> validated = new ArrayList<>();
  final List<CandidatePairInfo> consentLost = new ArrayList<>();
  int gatheringDone;

  RecordingListener(Scheduler clock) {
    this.clock = clock;
  }

  @Override
  public void onLocalCandidate(LocalCandidate candidate) {
    candidates.add(candidate);
  }

  @Override
  public void onGatheringDone() {
    gatheringDone++;
  }

  @Override
  public void onComponentStateChanged(IceComponentState previous, IceComponentState current) {
    states.add(new StateChange(clock.nanoTime(), previous, current));
  }

  @Override
  public void onSelectedPairChanged(CandidatePairInfo pair) {
    selections.add(pair);
  }

  @Override
  public void onRemoteAddressValidated(LocalCandidate base, InetSocketAddress remote) {
    validated.add(new Validated(base, remote));
  }

  @Override
  public void onConsentLost(CandidatePairInfo pair) {
    consentLost.add(pair);
  }

  List<IceComponentState> stateSequence() {
    List<IceComponentState> out = new ArrayList<>();
    for (StateChange change : states) {
      out.add(change.to());
    }
    return out;
  }
}
