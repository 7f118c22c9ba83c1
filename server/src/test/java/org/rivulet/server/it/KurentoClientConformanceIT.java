package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kurento.client.AlphaBlending;
import org.kurento.client.Composite;
import org.kurento.client.Dispatcher;
import org.kurento.client.DispatcherOneToMany;
import org.kurento.client.ElementConnectedEvent;
import org.kurento.client.ElementConnectionData;
import org.kurento.client.ElementDisconnectedEvent;
import org.kurento.client.FaceOverlayFilter;
import org.kurento.client.GStreamerFilter;
import org.kurento.client.HttpPostEndpoint;
import org.kurento.client.HubPort;
import org.kurento.client.ImageOverlayFilter;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoConnectionListener;
import org.kurento.client.MediaElement;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaProfileSpecType;
import org.kurento.client.MediaState;
import org.kurento.client.MediaType;
import org.kurento.client.Mixer;
import org.kurento.client.ModuleInfo;
import org.kurento.client.ObjectCreatedEvent;
import org.kurento.client.ObjectDestroyedEvent;
import org.kurento.client.PassThrough;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RecorderEndpoint;
import org.kurento.client.RembParams;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.ServerManager;
import org.kurento.client.Tag;
import org.kurento.client.TFuture;
import org.kurento.client.Transaction;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.ZBarFilter;
import org.kurento.client.internal.server.KurentoServerException;

/**
 * The official Kurento Java client (7.1.0) against the packaged server: every class of Kurento's
 * core, elements and filters modules created and released, properties, connections and their
 * events, transactions, error codes, and objects shared between clients.
 */
@Timeout(120)
class KurentoClientConformanceIT {
  private static RivuletProcess server;
  private static KurentoClient kurento;

  @BeforeAll
  static void start() throws Exception {
    server = RivuletProcess.start();
    kurento = KurentoClient.create(server.url());
  }

  @AfterAll
  static void stop() throws Exception {
    if (kurento != null) {
      kurento.destroy();
    }
    if (server != null) {
      assertEquals(143, server.stop(), "exit code after SIGTERM");
      server.close();
    }
  }

  static Stream<Arguments> everyClass() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("PassThrough", (Function<MediaPipeline, MediaObject>)
        p -> new PassThrough.Builder(p).build()));
    cases.add(Arguments.of("WebRtcEndpoint", (Function<MediaPipeline, MediaObject>)
        p -> new WebRtcEndpoint.Builder(p).build()));
    cases.add(Arguments.of("RtpEndpoint", (Function<MediaPipeline, MediaObject>)
        p -> new RtpEndpoint.Builder(p).build()));
    cases.add(Arguments.of("RecorderEndpoint", (Function<MediaPipeline, MediaObject>)
        p -> new RecorderEndpoint.Builder(p, "file:///tmp/rivulet-it.webm")
            .withMediaProfile(MediaProfileSpecType.WEBM).build()));
    cases.add(Arguments.of("PlayerEndpoint", (Function<MediaPipeline, MediaObject>)
        p -> new PlayerEndpoint.Builder(p, "file:///tmp/rivulet-it.webm").build()));
    cases.add(Arguments.of("HttpPostEndpoint", (Function<MediaPipeline, MediaObject>)
        p -> new HttpPostEndpoint.Builder(p).build()));
    cases.add(Arguments.of("Composite", (Function<MediaPipeline, MediaObject>)
        p -> new Composite.Builder(p).build()));
    cases.add(Arguments.of("Mixer", (Function<MediaPipeline, MediaObject>)
        p -> new Mixer.Builder(p).build()));
    cases.add(Arguments.of("AlphaBlending", (Function<MediaPipeline, MediaObject>)
        p -> new AlphaBlending.Builder(p).build()));
    cases.add(Arguments.of("Dispatcher", (Function<MediaPipeline, MediaObject>)
        p -> new Dispatcher.Builder(p).build()));
    cases.add(Arguments.of("DispatcherOneToMany", (Function<MediaPipeline, MediaObject>)
        p -> new DispatcherOneToMany.Builder(p).build()));
    cases.add(Arguments.of("HubPort", (Function<MediaPipeline, MediaObject>)
        p -> new HubPort.Builder(new Composite.Builder(p).build()).build()));
    cases.add(Arguments.of("GStreamerFilter", (Function<MediaPipeline, MediaObject>)
        p -> new GStreamerFilter.Builder(p, "videoflip method=horizontal-flip").build()));
    cases.add(Arguments.of("ZBarFilter", (Function<MediaPipeline, MediaObject>)
        p -> new ZBarFilter.Builder(p).build()));
    cases.add(Arguments.of("FaceOverlayFilter", (Function<MediaPipeline, MediaObject>)
        p -> new FaceOverlayFilter.Builder(p).build()));
    cases.add(Arguments.of("ImageOverlayFilter", (Function<MediaPipeline, MediaObject>)
        p -> new ImageOverlayFilter.Builder(p).build()));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyClass")
  void everyClassIsCreatedAndReleased(String type, Function<MediaPipeline, MediaObject> build) {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    MediaObject object = build.apply(pipeline);
    String id = object.getId();
    assertTrue(id.startsWith(pipeline.getId() + "/") && id.endsWith("_kurento." + type), id);
    assertEquals(id, object.getName(), "the name defaults to the id");
    assertEquals(pipeline.getId(), object.getMediaPipeline().getId());
    assertEquals(pipeline.getId(), object.getParent().getId());
    assertTrue(pipeline.getChildren().stream().anyMatch(c -> c.getId().equals(id)));
    assertTrue(object.getCreationTime() > 1_700_000_000);
    object.release();
    KurentoServerException gone = assertThrows(KurentoServerException.class, object::getName);
    assertEquals(40101, gone.getCode());
    pipeline.release();
  }

  @Test
  void pipelineReleaseReleasesItsChildren() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
    assertTrue(kurento.getServerManager().getPipelines().stream()
        .anyMatch(p -> p.getId().equals(pipeline.getId())));
    pipeline.release();
    assertEquals(40101, assertThrows(KurentoServerException.class, webRtc::getName).getCode());
    assertFalse(kurento.getServerManager().getPipelines().stream()
        .anyMatch(p -> p.getId().equals(pipeline.getId())));
  }

  @Test
  void serverManagerDescribesTheServer() {
    ServerManager manager = kurento.getServerManager();
    List<String> modules = manager.getInfo().getModules().stream().map(ModuleInfo::getName).toList();
    assertTrue(modules.containsAll(List.of("core", "elements", "filters")), modules.toString());
    ModuleInfo elements = manager.getInfo().getModules().stream()
        .filter(m -> m.getName().equals("elements")).findFirst().orElseThrow();
    assertTrue(elements.getFactories().contains("WebRtcEndpoint"));
    String kmd = manager.getKmd("core");
    assertTrue(kmd.startsWith("{") && kmd.contains("\"MediaPipeline\""), "core kmd");
    assertEquals(40500, assertThrows(KurentoServerException.class,
        () -> manager.getKmd("nope")).getCode());
    assertTrue(manager.getCpuCount() >= 1);
    float cpu = manager.getUsedCpu(100);
    assertTrue(cpu >= 0 && cpu <= 100.0 * manager.getCpuCount(), "cpu " + cpu);
    assertTrue(manager.getUsedMemory() > 1000, "used memory in KiB");
    assertFalse(manager.getSessions().isEmpty());
    assertEquals("", manager.getMetadata());
  }

  @Test
  void propertiesRoundTrip() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    try {
      WebRtcEndpoint w = new WebRtcEndpoint.Builder(pipeline).build();
      w.setName("caller");
      assertEquals("caller", w.getName());
      w.setStunServerAddress("192.0.2.7");
      w.setStunServerPort(3479);
      assertEquals("192.0.2.7", w.getStunServerAddress());
      assertEquals(3479, w.getStunServerPort());
      assertEquals(true, w.getIceTcp());
      w.setIceTcp(false);
      assertEquals(false, w.getIceTcp());
      w.setExternalIPv4("198.51.100.1");
      assertEquals("198.51.100.1", w.getExternalIPv4());
      w.setMaxVideoRecvBandwidth(1500);
      assertEquals(1500, w.getMaxVideoRecvBandwidth());
      assertEquals(1200, w.getMtu());
      w.setMtu(1000);
      assertEquals(1000, w.getMtu());
      assertEquals(300000, w.getEncoderBitrate());
      assertEquals(MediaState.DISCONNECTED, w.getMediaState());
      assertTrue(w.getICECandidatePairs().isEmpty());
      RembParams remb = new RembParams();
      remb.setUpLosses(20);
      w.setRembParams(remb);
      // The Java client cannot read RembParams back (its class has no @Param constructor, so it
      // fills no field); RawProtocolIT checks the value on the wire.
      assertNotNull(w.getRembParams());
      KurentoServerException range = assertThrows(KurentoServerException.class,
          () -> w.setStunServerPort(70000));
      assertEquals(40001, range.getCode());
      assertEquals(3479, w.getStunServerPort(), "a refused value leaves the old one");

      w.addTag("room", "42");
      w.addTag("user", "ann");
      assertEquals("42", w.getTag("room"));
      List<Tag> tags = w.getTags();
      assertEquals(List.of("room", "user"), tags.stream().map(Tag::getKey).toList());
      w.removeTag("room");
      assertEquals(40110, assertThrows(KurentoServerException.class,
          () -> w.getTag("room")).getCode());
      w.setSendTagsInEvents(true);
      assertTrue(w.getSendTagsInEvents());

      pipeline.setLatencyStats(true);
      assertTrue(pipeline.getLatencyStats());
      GStreamerFilter f = new GStreamerFilter.Builder(pipeline, "capsfilter caps=video/x-raw").build();
      assertEquals("capsfilter caps=video/x-raw", f.getCommand());
      RecorderEndpoint r = new RecorderEndpoint.Builder(pipeline, "file:///tmp/x.webm").build();
      assertEquals("file:///tmp/x.webm", r.getUri());
      assertEquals("STOP", r.getState().name());
      assertTrue(pipeline.getGstreamerDot().startsWith("digraph"));
    } finally {
      pipeline.release();
    }
  }

  @Test
  void connectAndDisconnectRaiseEvents() throws Exception {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    try {
      WebRtcEndpoint source = new WebRtcEndpoint.Builder(pipeline).build();
      PassThrough sink = new PassThrough.Builder(pipeline).build();
      List<ElementConnectedEvent> connected = new CopyOnWriteArrayList<>();
      CountDownLatch three = new CountDownLatch(3);
      CountDownLatch disconnected = new CountDownLatch(1);
      source.addElementConnectedListener(e -> {
        connected.add(e);
        three.countDown();
      });
      source.addElementDisconnectedListener((ElementDisconnectedEvent e) -> disconnected.countDown());

      source.connect(sink);
      assertTrue(three.await(10, TimeUnit.SECONDS), "ElementConnected for AUDIO, VIDEO and DATA");
      assertEquals(sink.getId(), connected.get(0).getSink().getId());
      assertEquals(3, source.getSinkConnections().size());
      List<ElementConnectionData> video = sink.getSourceConnections(MediaType.VIDEO);
      assertEquals(1, video.size());
      assertEquals(source.getId(), video.get(0).getSource().getId());
      assertEquals("default", video.get(0).getSinkDescription());

      source.disconnect(sink, MediaType.AUDIO);
      assertTrue(disconnected.await(10, TimeUnit.SECONDS));
      assertEquals(2, source.getSinkConnections().size());
      assertTrue(sink.getSourceConnections(MediaType.AUDIO).isEmpty());

      // An input takes one source per media type: a new source replaces the old one.
      PassThrough other = new PassThrough.Builder(pipeline).build();
      other.connect(sink, MediaType.VIDEO);
      assertEquals(other.getId(), sink.getSourceConnections(MediaType.VIDEO).get(0).getSource().getId());
      assertEquals(1, source.getSinkConnections().size(), "only DATA is left from the first source");

      source.connect(source);  // loopback is allowed
      assertEquals(3, source.getSourceConnections().size());

      MediaPipeline elsewhere = kurento.createMediaPipeline();
      try {
        PassThrough stranger = new PassThrough.Builder(elsewhere).build();
        assertEquals(40004, assertThrows(KurentoServerException.class,
            () -> source.connect(stranger)).getCode());
      } finally {
        elsewhere.release();
      }
      assertFalse(source.isMediaFlowingIn(MediaType.VIDEO));
    } finally {
      pipeline.release();
    }
  }

  @Test
  void objectCreatedAndDestroyedEvents() throws Exception {
    ServerManager manager = kurento.getServerManager();
    List<String> created = new CopyOnWriteArrayList<>();
    List<String> destroyed = new CopyOnWriteArrayList<>();
    CountDownLatch both = new CountDownLatch(2);
    manager.addObjectCreatedListener((ObjectCreatedEvent e) -> {
      created.add(e.getObject().getId());
      both.countDown();
    });
    manager.addObjectDestroyedListener((ObjectDestroyedEvent e) -> {
      destroyed.add(e.getObjectId());
      both.countDown();
    });
    MediaPipeline pipeline = kurento.createMediaPipeline();
    String id = pipeline.getId();
    pipeline.release();
    assertTrue(both.await(10, TimeUnit.SECONDS), "created " + created + " destroyed " + destroyed);
    assertTrue(created.contains(id));
    assertTrue(destroyed.contains(id));
  }

  @Test
  void transactionsCreateAndUseNewObjects() throws Exception {
    Transaction tx = kurento.beginTransaction();
    MediaPipeline pipeline = kurento.createMediaPipeline(tx);
    WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build(tx);
    PassThrough pass = new PassThrough.Builder(pipeline).build(tx);
    webRtc.connect(tx, pass);
    TFuture<String> name = webRtc.getName(tx);
    tx.commit();
    try {
      assertTrue(webRtc.getId().startsWith(pipeline.getId() + "/"));
      assertEquals(webRtc.getId(), name.get());
      assertEquals(3, webRtc.getSinkConnections().size());
    } finally {
      pipeline.release();
    }
  }

  @Test
  void aSecondClientUsesObjectsById() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
    webRtc.setName("shared");
    KurentoClient second = KurentoClient.create(server.url());
    try {
      WebRtcEndpoint same = second.getById(webRtc.getId(), WebRtcEndpoint.class);
      assertEquals("shared", same.getName());
      same.setName("renamed");
      assertEquals("renamed", webRtc.getName());
      MediaElement viaPipeline = (MediaElement) second.getById(pipeline.getId(), MediaPipeline.class)
          .getChildren().get(0);
      assertEquals(webRtc.getId(), viaPipeline.getId());
    } finally {
      second.destroy();
      pipeline.release();
    }
  }

  @Test
  void theClientReconnectsToItsSessionWithConnect() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(server.port())) {
      CountDownLatch reconnected = new CountDownLatch(1);
      boolean[] sameServer = new boolean[1];
      KurentoClient client = KurentoClient.create("ws://127.0.0.1:" + proxy.port() + "/kurento",
          new KurentoConnectionListener() {
            @Override
            public void connected() {
            }

            @Override
            public void connectionFailed() {
            }

            @Override
            public void disconnected() {
            }

            @Override
            public void reconnected(boolean same) {
              sameServer[0] = same;
              reconnected.countDown();
            }
          });
      try {
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
        CountDownLatch connectedEvent = new CountDownLatch(1);
        webRtc.addElementConnectedListener(e -> connectedEvent.countDown());
        proxy.cutAll();
        assertTrue(reconnected.await(20, TimeUnit.SECONDS), "the client reconnected");
        assertTrue(sameServer[0], "connect {sessionId} found the session: same server");
        assertEquals(webRtc.getId(), webRtc.getName(), "objects survive the reconnection");
        webRtc.connect(new PassThrough.Builder(pipeline).build());
        assertTrue(connectedEvent.await(10, TimeUnit.SECONDS),
            "events of the old subscription reach the new connection");
        pipeline.release();
      } finally {
        client.destroy();
      }
    }
  }

  @Test
  void errorCodesReachTheClient() {
    MediaPipeline unknown = kurento.getById(
        "00000000-0000-4000-8000-000000000000_kurento.MediaPipeline", MediaPipeline.class);
    assertEquals(40101, assertThrows(KurentoServerException.class, unknown::getName).getCode());
    MediaPipeline pipeline = kurento.createMediaPipeline();
    try {
      WebRtcEndpoint w = new WebRtcEndpoint.Builder(pipeline).build();
      KurentoServerException notYet = assertThrows(KurentoServerException.class,
          () -> w.getLocalSessionDescriptor());
      assertEquals(40202, notYet.getCode());
      KurentoServerException missing = assertThrows(KurentoServerException.class,
          () -> new WebRtcEndpoint.Builder(pipeline).recvonly().sendonly().build());
      assertEquals(40107, missing.getCode());
    } finally {
      pipeline.release();
    }
  }
}
