package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.rivulet.ice.stun.StunDecoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunParseResult;

/**
 * An in-memory network between agents, on a {@link ManualScheduler}: every datagram is delivered after a
 * fixed latency, unless the seeded loss or a test's filter drops it. Optional NAT mappings make a base
 * appear under another address, and servers (a fake STUN server) can answer from fixed addresses.
 *
 * <p>Ownership: {@link #transmitter} takes each datagram; the network releases it after delivery (the
 * agents do not take ownership), on a drop, or in {@link #close()} for datagrams still in flight.
 */
final class TestNetwork implements AutoCloseable {

  /** A datagram seen by the network, decoded when it is STUN. */
  record Packet(InetSocketAddress from, InetSocketAddress to, TransportProtocol protocol, StunMessage message,
      byte[] bytes) {}

  /** Something at a fixed address that answers datagrams: it owns nothing it is handed. */
  interface Server {
    void receive(InetSocketAddress from, ByteBuf datagram, TestNetwork network, InetSocketAddress self);
  }

  private record Endpoint(IceAgent agent, LocalCandidate base) {}

  private record Key(TransportProtocol protocol, InetSocketAddress address) {}

  final ManualScheduler scheduler;
  private final Duration latency;
  private final Random random;
  private final double loss;
  private final Map<Key, Endpoint> endpoints = new HashMap<>();
  private final Map<InetSocketAddress, Server> servers = new HashMap<>();
  private final Map<InetSocketAddress, InetSocketAddress> natOut = new HashMap<>();
  private final Map<InetSocketAddress, InetSocketAddress> natIn = new HashMap<>();
  private final Map<ByteBuf, Boolean> inFlight = new IdentityHashMap<>();
  private final List<Packet> log = new ArrayList<>();
  private Predicate<Packet> dropFilter = p -> false;
  private BiConsumer<Packet, TestNetwork> observer = (p, n) -> { };
  private final List<Packet> unrouted = new ArrayList<>();

  TestNetwork(ManualScheduler scheduler, Duration latency, long seed, double loss) {
    this.scheduler = scheduler;
    this.latency = latency;
    this.random = new Random(seed);
    this.loss = loss;
  }

  /** A lossless network with 5 ms latency. */
  static TestNetwork lossless(ManualScheduler scheduler) {
    return new TestNetwork(scheduler, Duration.ofMillis(5), 1, 0);
  }

  /** The transmitter for agents on this network. */
  IceTransmitter transmitter() {
    return (base, to, datagram) -> send(base.baseAddress(), base.protocol(), to, datagram);
  }

  /** Registers a base of {@code agent} so that datagrams to its address reach it. */
  LocalCandidate attach(IceAgent agent, LocalCandidate base) {
    endpoints.put(new Key(base.protocol(), base.baseAddress()), new Endpoint(agent, base));
    return base;
  }

  /** Adds a UDP host candidate to {@code agent} and registers it. */
  LocalCandidate addHost(IceAgent agent, String ip, int port, int rank) {
    return attach(agent, agent.addHostCandidate(new InetSocketAddress(ip, port), TransportProtocol.UDP, rank));
  }

  void addServer(InetSocketAddress address, Server server) {
    servers.put(address, server);
  }

  /** Datagrams from {@code inside} appear to come from {@code outside}, and come back through it. */
  void nat(InetSocketAddress inside, InetSocketAddress outside) {
    natOut.put(inside, outside);
    natIn.put(outside, inside);
  }

  /** Drops every datagram the filter accepts (after the loss draw). */
  void dropIf(Predicate<Packet> filter) {
    this.dropFilter = filter;
  }

  /** Sees every datagram before it is sent (or dropped). */
  void observe(BiConsumer<Packet, TestNetwork> observer) {
    this.observer = observer;
  }

  List<Packet> log() {
    return log;
  }

  /** Datagrams to addresses nobody listens on. */
  List<Packet> unrouted() {
    return unrouted;
  }

  /**
   * Sends a datagram from {@code from} (an address inside a NAT is translated).
   *
   * @param datagram takes ownership
   */
  void send(InetSocketAddress from, TransportProtocol protocol, InetSocketAddress to, ByteBuf datagram) {
    InetSocketAddress source = natOut.getOrDefault(from, from);
    Packet packet = packet(source, to, protocol, datagram);
    log.add(packet);
    observer.accept(packet, this);
    if ((loss > 0 && random.nextDouble() < loss) || dropFilter.test(packet)) {
      datagram.release();
      return;
    }
    inFlight.put(datagram, Boolean.TRUE);
    scheduler.schedule(() -> deliver(source, protocol, to, datagram), latency.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Injects a datagram as if {@code from} had sent it; takes ownership. */
  void inject(InetSocketAddress from, TransportProtocol protocol, InetSocketAddress to, ByteBuf datagram) {
    inFlight.put(datagram, Boolean.TRUE);
    scheduler.schedule(() -> deliver(from, protocol, to, datagram), latency.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void deliver(InetSocketAddress from, TransportProtocol protocol, InetSocketAddress to, ByteBuf datagram) {
    inFlight.remove(datagram);
    try {
      if (natOut.containsKey(to)) {
        // An address inside a NAT cannot be reached from outside except through its mapping.
        unrouted.add(packet(from, to, protocol, datagram));
        return;
      }
      InetSocketAddress target = natIn.getOrDefault(to, to);
      Endpoint endpoint = endpoints.get(new Key(protocol, target));
      if (endpoint != null) {
        endpoint.agent.handleStun(endpoint.base, from, datagram);
        return;
      }
      Server server = servers.get(target);
      if (server != null) {
        server.receive(from, datagram, this, target);
        return;
      }
      unrouted.add(packet(from, to, protocol, datagram));
    } finally {
      datagram.release();
    }
  }

  private static Packet packet(InetSocketAddress from, InetSocketAddress to, TransportProtocol protocol,
      ByteBuf datagram) {
    StunParseResult result = StunDecoder.decode(datagram);
    return new Packet(from, to, protocol, result.isSuccess() ? result.message() : null,
        ByteBufUtil.getBytes(datagram));
  }

  /** A pooled copy of {@code bytes}, for injecting. */
  static ByteBuf buffer(byte[] bytes) {
    return PooledByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
  }

  @Override
  public void close() {
    for (ByteBuf buf : inFlight.keySet()) {
      buf.release();
    }
    inFlight.clear();
  }
}
