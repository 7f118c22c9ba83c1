package org.rivulet.ice.agent;

import java.util.concurrent.TimeUnit;

/**
 * Regular nomination for the controlling role (RFC 8445 section 8.1.1): once a pair is valid, wait until no
 * higher-priority pair can still succeed, or at most {@link IceTimings#nominationDelay()}, then ask for a
 * check with USE-CANDIDATE on the best valid pair. When that check succeeds the agent selects the pair; when
 * it fails, the next evaluation nominates the next best one.
 *
 * <p>With aggressive nomination (every check carries USE-CANDIDATE, as old peers do) and in the controlled
 * role this class does nothing: the agent selects nominated pairs as they succeed. Single-threaded.
 */
final class Nominator {

  private final Scheduler scheduler;
  private final IceTimings timings;
  private final CheckList checkList;
  private final ConnectivityChecker checker;

  private Scheduler.Cancellable timer;
  private boolean delayOver;

  Nominator(Scheduler scheduler, IceTimings timings, CheckList checkList, ConnectivityChecker checker) {
    this.scheduler = scheduler;
    this.timings = timings;
    this.checkList = checkList;
    this.checker = checker;
  }

  /**
   * Decides whether to nominate now. Called after each check outcome and role change.
   *
   * @param role our role now
   * @param selected whether a pair is already selected (nomination is then over)
   */
  void evaluate(IceRole role, boolean selected) {
    if (role != IceRole.CONTROLLING || checker.isAggressive() || selected) {
      cancelTimer();
      return;
    }
    for (CandidatePair pair : checkList.pairs()) {
      if (pair.nominationRequested) {
        return; // a nomination check is queued or in flight
      }
    }
    CandidatePair best = checkList.bestValid();
    if (best == null) {
      return;
    }
    if (delayOver || !checkList.hasPendingAbove(best.priority())) {
      cancelTimer();
      best.nominationRequested = true;
      checkList.enqueueTriggered(best);
      checker.wake();
    } else if (timer == null) {
      timer = scheduler.schedule(() -> {
        timer = null;
        delayOver = true;
        evaluate(role, false);
      }, timings.nominationDelay().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Forgets the delay and any timer (restart, role change, close). */
  void reset() {
    cancelTimer();
    delayOver = false;
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
