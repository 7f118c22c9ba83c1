package org.rivulet.ice.agent;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The check list of the one data stream (RFC 8445 section 6.1.2): the candidate pairs in decreasing
 * priority, their frozen/waiting bookkeeping per foundation, and the triggered-check queue (section
 * 6.1.4.1).
 *
 * <pre>
 *  pairs (priority order)          triggered queue (FIFO)
 *  +----------------------+        +-----+-----+
 *  | P1  SUCCEEDED  f1    |        | P4  | P2  |  --&gt; checked first, one per Ta
 *  | P2  WAITING    f2    |        +-----+-----+
 *  | P3  FROZEN     f1    |
 *  | P4  FAILED     f3    |   otherwise: the highest-priority WAITING pair, or unfreeze one FROZEN pair per
 *  +----------------------+   foundation that has nothing WAITING or IN_PROGRESS (section 6.1.4.2)
 * </pre>
 *
 * <p>Bounded by {@code maxPairs} (RFC 8445 section 6.1.2.5 suggests 100): adding past the bound removes the
 * lowest-priority pairs, never the protected one (the selected pair). Single-threaded.
 */
final class CheckList {

  private static final Comparator<CandidatePair> BY_PRIORITY =
      Comparator.comparingLong(CandidatePair::priority).reversed();

  private final List<CandidatePair> pairs = new ArrayList<>();
  private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
  private final int maxPairs;

  CheckList(int maxPairs) {
    if (maxPairs < 1) {
      throw new IllegalArgumentException("maxPairs must be at least 1: " + maxPairs);
    }
    this.maxPairs = maxPairs;
  }

  /** The pairs in decreasing priority; unmodifiable view. */
  List<CandidatePair> pairs() {
    return Collections.unmodifiableList(pairs);
  }

  int size() {
    return pairs.size();
  }

  /** The pair of this base and remote transport address, or null. */
  CandidatePair find(LocalCandidate base, InetSocketAddress remote) {
    for (CandidatePair pair : pairs) {
      if (pair.matches(base, remote)) {
        return pair;
      }
    }
    return null;
  }

  /**
   * Adds a new pair, WAITING unless a pair of the same foundation is already WAITING or IN_PROGRESS, in
   * which case FROZEN (RFC 8445 section 6.1.2.6 applied as pairs trickle in), then prunes to the bound.
   *
   * @param protect a pair that must not be pruned, or null
   * @return the pairs removed to stay within the bound, possibly {@code pair} itself; the caller cancels
   *     their checks
   */
  List<CandidatePair> add(CandidatePair pair, CandidatePair protect) {
    pair.state = !pair.checkable || hasActive(pair.foundation())
        ? CandidatePairState.FROZEN : CandidatePairState.WAITING;
    int at = Collections.binarySearch(pairs, pair, BY_PRIORITY);
    // Equal priorities: after the existing ones, so earlier pairs keep their place.
    at = at < 0 ? -at - 1 : at;
    while (at < pairs.size() && pairs.get(at).priority() == pair.priority()) {
      at++;
    }
    pairs.add(at, pair);
    return prune(protect);
  }

  private List<CandidatePair> prune(CandidatePair protect) {
    if (pairs.size() <= maxPairs) {
      return List.of();
    }
    List<CandidatePair> removed = new ArrayList<>(pairs.size() - maxPairs);
    for (int i = pairs.size() - 1; i >= 0 && pairs.size() > maxPairs; i--) {
      CandidatePair victim = pairs.get(i);
      if (victim != protect) {
        pairs.remove(i);
        victim.triggered = false;
        removed.add(victim);
      }
    }
    triggered.removeAll(removed);
    return removed;
  }

  /** Removes a pair; the caller cancels its check. */
  void remove(CandidatePair pair) {
    pairs.remove(pair);
    if (pair.triggered) {
      pair.triggered = false;
      triggered.remove(pair);
    }
  }

  /** Puts a pair at the end of the triggered-check queue unless it is already queued (section 7.3.1.4). */
  void enqueueTriggered(CandidatePair pair) {
    if (!pair.triggered) {
      pair.triggered = true;
      triggered.addLast(pair);
    }
  }

  boolean hasTriggered() {
    return !triggered.isEmpty();
  }

  /** The next pair of the triggered-check queue, or null. */
  CandidatePair pollTriggered() {
    CandidatePair pair = triggered.pollFirst();
    if (pair != null) {
      pair.triggered = false;
    }
    return pair;
  }

  /**
   * The pair for the next ordinary check (RFC 8445 section 6.1.4.2): the highest-priority WAITING pair; if
   * there is none, one FROZEN pair is unfrozen for each foundation with nothing WAITING or IN_PROGRESS, and
   * the highest of those is taken. Null when nothing is left to check.
   */
  CandidatePair nextOrdinary() {
    CandidatePair waiting = highestWaiting();
    if (waiting != null) {
      return waiting;
    }
    Set<String> unfrozen = new HashSet<>();
    for (CandidatePair pair : pairs) {
      if (pair.checkable && pair.state == CandidatePairState.FROZEN && !unfrozen.contains(pair.foundation())
          && !hasActive(pair.foundation())) {
        pair.state = CandidatePairState.WAITING;
        unfrozen.add(pair.foundation());
      }
    }
    return highestWaiting();
  }

  private CandidatePair highestWaiting() {
    for (CandidatePair pair : pairs) {
      if (pair.checkable && pair.state == CandidatePairState.WAITING) {
        return pair;
      }
    }
    return null;
  }

  /** True when an ordinary check could be started now or after unfreezing. */
  boolean hasOrdinaryWork() {
    for (CandidatePair pair : pairs) {
      if (pair.checkable && (pair.state == CandidatePairState.WAITING || pair.state == CandidatePairState.FROZEN)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 8445 section 7.2.5.3.3: a success unfreezes the FROZEN pairs of the same foundation. */
  void unfreeze(String foundation) {
    for (CandidatePair pair : pairs) {
      if (pair.state == CandidatePairState.FROZEN && pair.foundation().equals(foundation)) {
        pair.state = CandidatePairState.WAITING;
      }
    }
  }

  private boolean hasActive(String foundation) {
    for (CandidatePair pair : pairs) {
      if (pair.checkable && (pair.state == CandidatePairState.WAITING || pair.state == CandidatePairState.IN_PROGRESS)
          && pair.foundation().equals(foundation)) {
        return true;
      }
    }
    return false;
  }

  /** Recomputes every priority for {@code role} and re-sorts (RFC 8445 section 7.2.5.1). */
  void updatePriorities(IceRole role) {
    for (CandidatePair pair : pairs) {
      pair.updatePriority(role);
    }
    pairs.sort(BY_PRIORITY);
  }

  /** Re-sorts after one pair's priority changed. */
  void resort() {
    pairs.sort(BY_PRIORITY);
  }

  /** The highest-priority valid pair, or null. */
  CandidatePair bestValid() {
    for (CandidatePair pair : pairs) {
      if (pair.isValid()) {
        return pair;
      }
    }
    return null;
  }

  /** True when some pair may still become valid through our checks, or a triggered check is queued. */
  boolean hasPending() {
    if (!triggered.isEmpty()) {
      return true;
    }
    for (CandidatePair pair : pairs) {
      if (pair.isPending()) {
        return true;
      }
    }
    return false;
  }

  /** True when some checkable pair has a priority above {@code priority} and may still become valid. */
  boolean hasPendingAbove(long priority) {
    for (CandidatePair pair : pairs) {
      if (pair.priority() <= priority) {
        return false;
      }
      if (pair.isPending() || pair.triggered) {
        return true;
      }
    }
    return false;
  }

  /** Removes every pair and empties the queue. */
  List<CandidatePair> clear() {
    List<CandidatePair> all = new ArrayList<>(pairs);
    pairs.clear();
    triggered.clear();
    for (CandidatePair pair : all) {
      pair.triggered = false;
    }
    return all;
  }
}
