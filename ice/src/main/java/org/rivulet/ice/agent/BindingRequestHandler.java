package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import org.rivulet.ice.stun.ErrorCode;
import org.rivulet.ice.stun.IceControlled;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.MessageIntegrity;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.UnknownAttributes;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Checks an inbound Binding request and answers it (RFC 8445 section 7.3, RFC 8489 sections 6.3.1 and
 * 9.1.3), in this order, each failure counted as an {@link IceDropReason}:
 *
 * <pre>
 *  no FINGERPRINT ............................ dropped        NO_FINGERPRINT
 *  method is not Binding ..................... 400            UNKNOWN_METHOD
 *  no USERNAME or no MESSAGE-INTEGRITY ....... 400            MISSING_ATTRIBUTE
 *  USERNAME is not ourUfrag:theirUfrag ....... 401            WRONG_USERNAME
 *  MESSAGE-INTEGRITY fails with our password . 401            BAD_INTEGRITY
 *  unknown comprehension-required attribute .. 420 + list     UNKNOWN_ATTRIBUTE
 *  no PRIORITY, or both role attributes ...... 400            MISSING_ATTRIBUTE
 *  role conflict that we win ................. 487            ROLE_CONFLICT
 *  otherwise ................................. success with XOR-MAPPED-ADDRESS = source address
 * </pre>
 *
 * <p>400 and 401 go out without MESSAGE-INTEGRITY (the request was not authenticated, RFC 8489 section
 * 9.1.3); 420, 487 and the success response carry MESSAGE-INTEGRITY keyed with our password; all carry
 * FINGERPRINT. While the peer's credentials are unknown (trickle: its check can beat its description), the
 * part of USERNAME after the colon is not checked.
 *
 * <p>Does not take ownership of the datagram. Single-threaded.
 */
final class BindingRequestHandler {

  /** An authenticated Binding request the agent should act on. */
  record Accepted(long priority, boolean useCandidate) {}

  private final StunEncoder encoder;
  private final MessageIntegrity integrity;
  private final ByteBufAllocator alloc;
  private final IceTransmitter transmitter;
  private final CredentialState credentials;
  private final RoleState roles;
  private final IceCounters counters;

  BindingRequestHandler(StunEncoder encoder, MessageIntegrity integrity, ByteBufAllocator alloc,
      IceTransmitter transmitter, CredentialState credentials, RoleState roles, IceCounters counters) {
    this.encoder = encoder;
    this.integrity = integrity;
    this.alloc = alloc;
    this.transmitter = transmitter;
    this.credentials = credentials;
    this.roles = roles;
    this.counters = counters;
  }

  /**
   * Validates and answers {@code request}. The role may change (section 7.3.1.1); the caller compares
   * the role before and after.
   *
   * @param datagram the bytes {@code request} was decoded from; does not take ownership
   * @return what to act on, or null when the request was dropped or answered with an error
   */
  Accepted handle(LocalCandidate base, InetSocketAddress from, ByteBuf datagram, StunMessage request) {
    if (!request.hasFingerprint()) {
      counters.drop(IceDropReason.NO_FINGERPRINT);
      return null;
    }
    if (request.method() != StunMethod.BINDING) {
      return reject(base, from, request, ErrorCode.BAD_REQUEST, IceDropReason.UNKNOWN_METHOD, false);
    }
    Username username = request.attribute(Username.class);
    if (username == null || !request.hasMessageIntegrity()) {
      return reject(base, from, request, ErrorCode.BAD_REQUEST, IceDropReason.MISSING_ATTRIBUTE, false);
    }
    if (!isOurUsername(username.value())) {
      return reject(base, from, request, ErrorCode.UNAUTHENTICATED, IceDropReason.WRONG_USERNAME, false);
    }
    if (!integrity.verify(datagram, request, credentials.local.key())) {
      return reject(base, from, request, ErrorCode.UNAUTHENTICATED, IceDropReason.BAD_INTEGRITY, false);
    }
    if (!request.unknownComprehensionRequired().isEmpty()) {
      StunMessage answer = StunMessage.errorResponse(request, ErrorCode.UNKNOWN_ATTRIBUTE)
          .add(new UnknownAttributes(request.unknownComprehensionRequired())).build();
      counters.drop(IceDropReason.UNKNOWN_ATTRIBUTE);
      counters.errorResponsesSent++;
      send(base, from, answer, true);
      return null;
    }
    Priority priority = request.attribute(Priority.class);
    IceControlling controlling = request.attribute(IceControlling.class);
    IceControlled controlled = request.attribute(IceControlled.class);
    if (priority == null || (controlling != null && controlled != null)) {
      return reject(base, from, request, ErrorCode.BAD_REQUEST, IceDropReason.MISSING_ATTRIBUTE, true);
    }
    if (roles.onRequest(controlling, controlled) == RoleState.Decision.REJECT) {
      return reject(base, from, request, ErrorCode.ROLE_CONFLICT, IceDropReason.ROLE_CONFLICT, true);
    }
    StunMessage answer = StunMessage.successResponse(request).add(new XorMappedAddress(from)).build();
    send(base, from, answer, true);
    counters.requestsAnswered++;
    // RFC 8445 section 5.1.2: priorities run from 1 to 2^31 - 1; a peer's out-of-range PRIORITY is clamped
    // so that pair priorities cannot overflow.
    long value = Math.max(1, Math.min(priority.value(), CandidatePriority.MAX));
    return new Accepted(value, request.attribute(UseCandidate.class) != null);
  }

  /** RFC 8445 section 7.3: {@code ourUfrag:theirUfrag}; the second half only once we know it. */
  private boolean isOurUsername(String username) {
    int colon = username.indexOf(':');
    if (colon < 0 || !username.regionMatches(0, credentials.local.ufrag(), 0, colon)
        || colon != credentials.local.ufrag().length()) {
      return false;
    }
    return credentials.remote == null || username.substring(colon + 1).equals(credentials.remote.ufrag());
  }

  private Accepted reject(LocalCandidate base, InetSocketAddress from, StunMessage request, ErrorCode error,
      IceDropReason reason, boolean authenticated) {
    counters.drop(reason);
    counters.errorResponsesSent++;
    send(base, from, StunMessage.errorResponse(request, error).build(), authenticated);
    return null;
  }

  private void send(LocalCandidate base, InetSocketAddress to, StunMessage message, boolean authenticated) {
    ByteBuf out = encoder.encode(message, authenticated ? credentials.local.key() : null, true, alloc);
    transmitter.send(base, to, out.touch("ICE response to transmitter"));
  }
}
