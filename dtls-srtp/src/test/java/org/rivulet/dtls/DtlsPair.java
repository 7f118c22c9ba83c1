package org.rivulet.dtls;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A DTLS client and server in one process, each with its own executor thread, joined by a pipe that can
 * drop datagrams. Stands in for two endpoints and the network between them; the sinks call
 * {@code offer} directly where a real caller would hop to the event loop.
 */
final class DtlsPair implements AutoCloseable {
  final ExecutorService clientExecutor = Executors.newSingleThreadExecutor(daemon("dtls-client"));
  final ExecutorService serverExecutor = Executors.newSingleThreadExecutor(daemon("dtls-server"));
  final RecordingListener clientEvents = new RecordingListener();
  final RecordingListener serverEvents = new RecordingListener();
  final AtomicInteger clientToServer = new AtomicInteger();
  final AtomicInteger serverToClient = new AtomicInteger();
  final DtlsTransport client;
  final DtlsTransport server;

  /**
   * @param dropClientToServer datagram numbers (0-based) from client to server that the pipe loses
   * @param dropServerToClient the same, from server to client
   */
  DtlsPair(DtlsConfig clientConfig, DtlsConfig serverConfig, List<Integer> dropClientToServer,
      List<Integer> dropServerToClient) {
    DtlsTransport[] peers = new DtlsTransport[2];
    client = new DtlsTransport(clientConfig, clientExecutor,
        pipe(clientToServer, dropClientToServer, d -> peers[1].offer(d)), clientEvents);
    server = new DtlsTransport(serverConfig, serverExecutor,
        pipe(serverToClient, dropServerToClient, d -> peers[0].offer(d)), serverEvents);
    peers[0] = client;
    peers[1] = server;
  }

  DtlsPair(DtlsConfig clientConfig, DtlsConfig serverConfig) {
    this(clientConfig, serverConfig, List.of(), List.of());
  }

  /** Two configurations that trust each other's certificate, with the given profiles each side. */
  static DtlsPair trusting(DtlsCertificate clientCert, DtlsCertificate serverCert,
      List<DtlsSrtpProfile> clientProfiles, List<DtlsSrtpProfile> serverProfiles) {
    return new DtlsPair(
        config(DtlsRole.CLIENT, clientCert, serverCert.fingerprint()).srtpProfiles(clientProfiles).build(),
        config(DtlsRole.SERVER, serverCert, clientCert.fingerprint()).srtpProfiles(serverProfiles).build());
  }

  static DtlsConfig.Builder config(DtlsRole role, DtlsCertificate local, Fingerprint remote) {
    return DtlsConfig.builder(role, local, List.of(remote));
  }

  void start() {
    server.start();
    client.start();
  }

  private static Consumer<byte[]> pipe(AtomicInteger counter, List<Integer> drops, Consumer<byte[]> to) {
    return d -> {
      if (!drops.contains(counter.getAndIncrement())) {
        to.accept(d);
      }
    };
  }

  /** Daemon threads, so that a stuck test cannot keep the JVM alive. */
  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    client.close();
    server.close();
    // The close tasks queued above still run; then the threads end.
    clientExecutor.shutdown();
    serverExecutor.shutdown();
  }
}
