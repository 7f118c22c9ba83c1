package org.rivulet.server.config;

import java.util.List;

/**
 * The configuration cannot be used: start-up must stop.
 *
 * <p>Each problem is one line that starts with the name the operator wrote (the Kurento key such
 * as {@code modules.kurento.BaseRtpEndpoint.minPort}, the environment variable such as
 * {@code KMS_MIN_PORT}, or the command-line option), so the message alone says what to fix. The
 * validator reports every problem it finds at once, so a misconfigured deployment needs one
 * restart, not one per mistake.
 *
 * <p>Unchecked because nothing can recover from it except the operator; {@code main} prints the
 * message and exits.
 */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  /** A single problem. */
  public ConfigException(String problem) {
    this(List.of(problem), null);
  }

  /** A single problem caused by an I/O or parse failure. */
  public ConfigException(String problem, Throwable cause) {
    this(List.of(problem), cause);
  }

  /** Several problems, reported together; the message has one line per problem. */
  public ConfigException(List<String> problems) {
    this(problems, null);
  }

  private ConfigException(List<String> problems, Throwable cause) {
    super(String.join("\n", problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, one line each, in key order. */
  public List<String> problems() {
    return problems;
  }
}
