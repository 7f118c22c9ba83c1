package org.rivulet.ice.agent;

import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.rivulet.ice.stun.MappedAddress;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.TransactionId;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Asks a STUN server for the mapped address of a base (RFC 8489 section 3, RFC 8445 section 5.1.1.2): a
 * plain Binding request with FINGERPRINT and no credentials, retransmitted on the gathering
 * {@link RetransmissionSchedule}. The answer's XOR-MAPPED-ADDRESS (or, from an RFC 3489 server,
 * MAPPED-ADDRESS) becomes a server-reflexive candidate.
 *
 * <p>The request leaves from the base's socket and the response comes back on it, mixed with connectivity
 * checks: the agent matches it by transaction id through the shared {@link StunTransactions}.
 * Single-threaded.
 */
final class StunBindingClient {

  /** The outcome of one query. */
  interface Callback {
    /** The server saw {@code base} as {@code mapped}. */
    void onMapped(LocalCandidate base, InetSocketAddress mapped);

    /** No usable answer: timeout, error response, or a response without an address. */
    void onFailed(LocalCandidate base);
  }

  private final StunTransactions transactions;
  private final StunEncoder encoder;
  private final ByteBufAllocator alloc;
  private final SecureRandom random;
  private final RetransmissionSchedule schedule;

  StunBindingClient(StunTransactions transactions, StunEncoder encoder, ByteBufAllocator alloc, SecureRandom random,
      RetransmissionSchedule schedule) {
    this.transactions = transactions;
    this.encoder = encoder;
    this.alloc = alloc;
    this.random = random;
    this.schedule = schedule;
  }

  /**
   * Sends a Binding request from {@code base} to {@code server}; {@code callback} hears the outcome once,
   * unless the agent closes first.
   *
   * @return false when the request could not be started (too many outstanding); nothing will be reported
   */
  boolean query(LocalCandidate base, InetSocketAddress server, Callback callback) {
    TransactionId id = TransactionId.random(random);
    StunMessage request = StunMessage.request(StunMethod.BINDING, id).build();
    return transactions.start(new Query(id, base, server, callback), encoder.encode(request, null, true, alloc));
  }

  private final class Query extends StunTransaction {
    private final Callback callback;

    Query(TransactionId id, LocalCandidate base, InetSocketAddress server, Callback callback) {
      super(id, base, server, null, false, StunBindingClient.this.schedule);
      this.callback = callback;
    }

    @Override
    void onResponse(StunMessage response) {
      InetSocketAddress mapped = null;
      if (response.messageClass() == StunClass.SUCCESS_RESPONSE) {
        XorMappedAddress xor = response.attribute(XorMappedAddress.class);
        MappedAddress plain = response.attribute(MappedAddress.class);
        mapped = xor != null ? xor.address() : plain != null ? plain.address() : null;
      }
      if (mapped != null) {
        callback.onMapped(base, mapped);
      } else {
        callback.onFailed(base);
      }
    }

    @Override
    void onTimeout() {
      callback.onFailed(base);
    }

    @Override
    boolean survivesRestart() {
      return true;
    }
  }
}
