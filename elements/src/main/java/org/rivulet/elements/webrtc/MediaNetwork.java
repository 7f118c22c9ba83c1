package org.rivulet.elements.webrtc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.rivulet.dtls.DtlsCertificate;
import org.rivulet.dtls.DtlsKeyType;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.ice.gather.HostAddress;
import org.rivulet.ice.gather.HostAddressEnumerator;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.tcp.TcpPortRange;
import org.rivulet.transport.udp.UdpPortRange;
import org.rivulet.transport.udp.UdpSocketOptions;

/**
 * What every RTP endpoint shares to reach the network: the event loops' channel types, the RTP port
 * range ({@code BaseRtpEndpoint.minPort/maxPort}), the host addresses to gather on, the DTLS
 * certificates (one per key type, generated once off the loop, or loaded from
 * {@code pemCertificateRSA/ECDSA}) and the executor DTLS handshakes block on. Thread-safe.
 */
public final class MediaNetwork {
  private final EventLoops loops;
  private final Executor blocking;
  private final ModuleConfig config;
  private final int minPort;
  private final int maxPort;
  private final UdpSocketOptions socketOptions;
  private final Map<DtlsKeyType, CompletableFuture<DtlsCertificate>> certificates =
      new ConcurrentHashMap<>();

  /** Whether endpoints may carry a {@link TestImpairment} tag (tests only; off by default). */
  private volatile boolean testImpairment;

  public MediaNetwork(EventLoops loops, Executor blocking, ModuleConfig config) {
    this(loops, blocking, config, UdpSocketOptions.DEFAULT);
  }

  /**
   * With other options for every UDP socket: the load generator's synthetic peers take
   * {@link UdpSocketOptions#udpGro} so that the loopback stack delivers each of the server's GSO
   * sends to them in one piece, as a network card would take it.
   */
  public MediaNetwork(EventLoops loops, Executor blocking, ModuleConfig config,
      UdpSocketOptions socketOptions) {
    this.socketOptions = socketOptions;
    this.loops = loops;
    this.blocking = blocking;
    this.config = config;
    this.minPort = config.intValue("BaseRtpEndpoint", "minPort", 1024);
    this.maxPort = config.intValue("BaseRtpEndpoint", "maxPort", 65535);
  }

  /**
   * Lets endpoints impair their own media with a {@link TestImpairment#TAG} tag. Only for tests of
   * loss recovery against a server process: a production server must not let clients drop media.
   */
  public void allowTestImpairment(boolean allow) {
    this.testImpairment = allow;
  }

  public boolean testImpairmentAllowed() {
    return testImpairment;
  }

  /** The certificate of this key type; completes on the blocking executor the first time. */
  public CompletableFuture<DtlsCertificate> certificate(DtlsKeyType type) {
    return certificates.computeIfAbsent(type, t -> CompletableFuture.supplyAsync(() -> {
      String key = t == DtlsKeyType.RSA ? "pemCertificateRSA" : "pemCertificateECDSA";
      return config.value("WebRtcEndpoint", key).filter(s -> !s.isBlank())
          .map(path -> load(Path.of(path))).orElseGet(() -> DtlsCertificate.generate(t));
    }, blocking));
  }

  private static DtlsCertificate load(Path pem) {
    try {
      return DtlsCertificate.loadPem(pem);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load the DTLS certificate " + pem, e);
    }
  }

  /**
   * The addresses to gather host candidates on: the interfaces named by {@code networkInterfaces}
   * (loopback included when named), or every interface that is up; loopback only when nothing else
   * exists (a machine, or a test namespace, with only {@code lo}).
   */
  public List<HostAddress> hostAddresses(String networkInterfaces) throws SocketException {
    return hostAddresses(networkInterfaces, true);
  }

  /** {@link #hostAddresses(String)}, IPv4 addresses only unless {@code ipv6}. */
  public List<HostAddress> hostAddresses(String networkInterfaces, boolean ipv6)
      throws SocketException {
    List<String> names = HostAddressEnumerator.Options.parseInterfaceNames(networkInterfaces);
    List<HostAddress> found = HostAddressEnumerator.enumerate(HostAddressEnumerator.system(),
        new HostAddressEnumerator.Options(names, false, ipv6, false));
    if (found.isEmpty() && names.isEmpty()) {
      found = HostAddressEnumerator.enumerate(HostAddressEnumerator.system(),
          new HostAddressEnumerator.Options(names, true, ipv6, false));
    }
    return found;
  }

  /** The RTP port range on one local address. */
  public UdpPortRange udpPorts(InetAddress address) {
    return UdpPortRange.create(loops, address, minPort, maxPort, socketOptions);
  }

  /** The same port range for passive ICE-TCP listeners (RFC 6544). */
  public TcpPortRange tcpPorts(InetAddress address) {
    return TcpPortRange.create(loops, address, minPort, maxPort);
  }

  /** Where DTLS handshakes (Bouncy Castle's blocking API) run: never a pipeline's loop. */
  public Executor handshakes() {
    return blocking;
  }
}
