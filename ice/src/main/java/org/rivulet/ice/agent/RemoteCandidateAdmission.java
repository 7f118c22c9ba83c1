package org.rivulet.ice.agent;

import java.net.InetAddress;
import java.util.function.Predicate;

/**
 * Decides whether a signalled candidate may be used at all, before anything is stored (RELIABILITY.md B2
 * items 18 and 19): parses it, refuses names (never resolved), components other than 1 (rtcp-mux),
 * transports other than UDP and TCP, and addresses the policy refuses. Stateless.
 *
 * @param outcome why the candidate is not admitted, or null when it is
 * @param candidate the parsed candidate when admitted, else null
 */
record RemoteCandidateAdmission(RemoteCandidateOutcome outcome, RemoteCandidate candidate) {

  static RemoteCandidateAdmission of(String text, Predicate<InetAddress> addressFilter) {
    CandidateParseResult parsed = CandidateSyntax.parse(text);
    if (!parsed.isSuccess()) {
      return refused(switch (parsed.error()) {
        case MDNS_HOSTNAME -> RemoteCandidateOutcome.IGNORED_MDNS;
        case HOSTNAME -> RemoteCandidateOutcome.IGNORED_HOSTNAME;
        case UNSUPPORTED_TRANSPORT -> RemoteCandidateOutcome.IGNORED_TRANSPORT;
        default -> RemoteCandidateOutcome.MALFORMED;
      });
    }
    RemoteCandidate remote = parsed.candidate();
    if (remote.component() != 1) {
      return refused(RemoteCandidateOutcome.IGNORED_COMPONENT);
    }
    // The port of an active TCP candidate is a placeholder (9, or 0): it never receives checks from us.
    boolean activeTcp = remote.protocol() == TransportProtocol.TCP && remote.tcpType() == TcpType.ACTIVE;
    if (!addressFilter.test(remote.address().getAddress()) || (remote.address().getPort() == 0 && !activeTcp)) {
      return refused(RemoteCandidateOutcome.REJECTED_ADDRESS);
    }
    return new RemoteCandidateAdmission(null, remote);
  }

  private static RemoteCandidateAdmission refused(RemoteCandidateOutcome outcome) {
    return new RemoteCandidateAdmission(outcome, null);
  }

  boolean admitted() {
    return outcome == null;
  }
}
