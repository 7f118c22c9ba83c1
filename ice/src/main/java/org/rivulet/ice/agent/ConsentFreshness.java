package org.rivulet.ice.agent;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Consent freshness on the selected pair (RFC 7675): a Binding request every
 * {@link IceTimings#consentInterval()} &plusmn; {@link IceTimings#consentJitter()} (section 5.1 randomises the
 * interval so that checks of many sessions do not align), and consent expires when no authenticated success
 * response arrived for {@link IceTimings#consentTimeout()}. Every success on the selected pair counts, from
 * consent checks or from any other check. Requests from the peer do not: consent is the peer's answer to us.
 *
 * <pre>
 *   selected     check    check    check (no answer...)                      expired
 *   |--5s±20%--|--5s±20%--|---- ... -----------------------------------------|
 *   ^ last consent                          &lt;---------- 30 s ---------------&gt;
 * </pre>
 *
 * <p>Single-threaded.
 */
final class ConsentFreshness {

  /** What consent freshness asks of the agent. */
  interface Events {
    void sendConsentCheck(CandidatePair pair);

    void onConsentExpired(CandidatePair pair);
  }

  private final IceTimings timings;
  private final Scheduler scheduler;
  private final SecureRandom random;
  private final Events events;

  private CandidatePair pair;
  private long lastConsentNanos;
  private Scheduler.Cancellable sendTimer;
  private Scheduler.Cancellable expiryTimer;

  ConsentFreshness(IceTimings timings, Scheduler scheduler, SecureRandom random, Events events) {
    this.timings = timings;
    this.scheduler = scheduler;
    this.random = random;
    this.events = events;
  }

  /** Starts tracking a newly selected pair, whose successful check is its first consent. */
  void start(CandidatePair selected) {
    stop();
    pair = selected;
    lastConsentNanos = scheduler.nanoTime();
    scheduleCheck();
    scheduleExpiry(timings.consentTimeout().toNanos());
  }

  /** An authenticated success response arrived on {@code on}; refreshes consent if it is the tracked pair. */
  void granted(CandidatePair on) {
    if (on == pair) {
      lastConsentNanos = scheduler.nanoTime();
    }
  }

  /**
   * Stops sending checks but keeps the expiry: after an ICE restart the old pair keeps media flowing until
   * a new pair is selected, but for no longer than the consent it has (make-before-break).
   */
  void pauseChecks() {
    if (sendTimer != null) {
      sendTimer.cancel();
      sendTimer = null;
    }
  }

  /** Stops tracking. */
  void stop() {
    pauseChecks();
    if (expiryTimer != null) {
      expiryTimer.cancel();
      expiryTimer = null;
    }
    pair = null;
  }

  /** The pair whose consent is tracked, or null. */
  CandidatePair pair() {
    return pair;
  }

  private void scheduleCheck() {
    double jitter = timings.consentJitter();
    double factor = 1 - jitter + 2 * jitter * random.nextDouble();
    long delay = (long) (timings.consentInterval().toNanos() * factor);
    sendTimer = scheduler.schedule(this::sendCheck, delay, TimeUnit.NANOSECONDS);
  }

  private void sendCheck() {
    sendTimer = null;
    if (pair == null) {
      return;
    }
    events.sendConsentCheck(pair);
    scheduleCheck();
  }

  private void scheduleExpiry(long delayNanos) {
    expiryTimer = scheduler.schedule(this::checkExpiry, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void checkExpiry() {
    expiryTimer = null;
    if (pair == null) {
      return;
    }
    long remaining = lastConsentNanos + timings.consentTimeout().toNanos() - scheduler.nanoTime();
    if (remaining > 0) {
      scheduleExpiry(remaining);
      return;
    }
    CandidatePair expired = pair;
    stop();
    events.onConsentExpired(expired);
  }
}
