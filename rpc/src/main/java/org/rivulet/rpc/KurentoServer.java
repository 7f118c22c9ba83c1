package org.rivulet.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.ElementModule;
import org.rivulet.elements.MediaObjectFactory;
import org.rivulet.elements.MediaObjectRegistry;
import org.rivulet.elements.ServerEnvironment;
import org.rivulet.elements.ServerManager;
import org.rivulet.elements.Struct;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.rpc.jsonrpc.EventDispatcher;
import org.rivulet.rpc.jsonrpc.JsonRpcDecoder;
import org.rivulet.rpc.jsonrpc.KurentoProtocol;
import org.rivulet.rpc.kmd.KmdRegistry;
import org.rivulet.rpc.kmd.ModuleDef;
import org.rivulet.rpc.kmd.RemoteClassDef;
import org.rivulet.rpc.marshal.Marshaller;
import org.rivulet.rpc.session.SessionManager;
import org.rivulet.rpc.ws.WebSocketServer;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.LoopWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kurento Protocol server: the modules found on the class path with their descriptors,
 * the object model, sessions with garbage collection, and the WebSocket listeners.
 */
public final class KurentoServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KurentoServer.class);
  /** The Kurento API level implemented, reported by {@code ServerManager.getInfo}. */
  public static final String KURENTO_VERSION = "7.3.0";

  private final Settings settings;
  private final EventLoops loops;
  private final ExecutorService blocking;
  private final KmdRegistry kmd;
  private final SessionManager sessions = new SessionManager();
  private final MediaObjectRegistry registry = new MediaObjectRegistry();
  private final KurentoProtocol protocol;
  private final List<Channel> listeners = new ArrayList<>();
  private final ScheduledFuture<?> collector;
  private final LoopWatchdog watchdog;
  /** How often the watchdog looks at the loops, and how long a loop may not run a task. */
  private static final long WATCHDOG_PERIOD_MILLIS = 100;
  private static final long WATCHDOG_THRESHOLD_MILLIS = 500;

  /** What the server needs to know; see the server module's configuration for the sources. */
  public record Settings(String address, int port, String path, int securePort,
      File certificate, String certificatePassword, long garbageCollectorPeriodSeconds,
      String metadata, ModuleConfig moduleConfig) {
  }

  private KurentoServer(Settings settings) {
    this.settings = settings;
    this.loops = EventLoops.create(1, 0);
    // A loop that stops running tasks stops every pipeline on it: say so, and where it is.
    this.watchdog = LoopWatchdog.start(WATCHDOG_PERIOD_MILLIS, WATCHDOG_THRESHOLD_MILLIS,
        LoopWatchdog.LOG_REPORTS, loops.control(), loops.media());
    this.blocking = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "rivulet-blocking");
      t.setDaemon(true);
      return t;
    });
    List<ElementModule> modules = new ArrayList<>();
    ServiceLoader.load(ElementModule.class, KurentoServer.class.getClassLoader())
        .forEach(modules::add);
    List<String> names = modules.stream().map(ElementModule::name).toList();
    this.kmd = KmdRegistry.load(KurentoServer.class.getClassLoader(), names);
    Map<String, MediaObjectFactory> factories = new LinkedHashMap<>();
    modules.forEach(m -> factories.putAll(m.factories()));
    checkFactories(factories);
    ObjectMapper mapper = new JsonRpcDecoder().mapper();
    registry.onRemoved(sessions::objectReleased);
    Marshaller marshaller = new Marshaller(kmd, registry);
    EventDispatcher events = new EventDispatcher(kmd, marshaller, sessions, mapper);
    MediaNetwork network = new MediaNetwork(loops, blocking, settings.moduleConfig());
    network.allowTestImpairment("1".equals(System.getenv("RIVULET_TEST_IMPAIRMENT")));
    // Generated (or loaded) now, off the loops, so the first offer does not wait for it.
    network.certificate(org.rivulet.dtls.DtlsKeyType.ECDSA);
    ElementContext context = new ElementContext(registry, events, settings.moduleConfig(),
        loops.media(), blocking, network);
    new ServerManager(context, new Environment(factories));
    this.protocol = new KurentoProtocol(kmd, marshaller, sessions, context, factories, mapper);
    long period = settings.garbageCollectorPeriodSeconds();
    this.collector = loops.control().next().scheduleAtFixedRate(() -> {
      List<String> expired = sessions.collect(TimeUnit.SECONDS.toNanos(period),
          id -> releaseLater(id));
      if (!expired.isEmpty()) {
        log.info("Garbage collector dropped {} unused session(s)", expired.size());
      }
    }, period, period, TimeUnit.SECONDS);
  }

  /** Every creatable class of every descriptor must have a factory, or clients would see holes. */
  private void checkFactories(Map<String, MediaObjectFactory> factories) {
    for (ModuleDef m : kmd.modules()) {
      for (RemoteClassDef c : kmd.classesOf(m.name())) {
        if (!c.isAbstract() && !factories.containsKey(c.name())) {
          throw new IllegalStateException("Module '" + m.name() + "' declares " + c.name()
              + " but provides no factory for it");
        }
      }
    }
  }

  private void releaseLater(String objectId) {
    var o = registry.find(objectId);
    if (o != null && !(o instanceof ServerManager)) {
      o.executor().execute(o::release);
    }
  }

  /** Starts the listeners; a failure to bind closes everything and rethrows. */
  public static KurentoServer start(Settings settings) throws Exception {
    KurentoServer server = new KurentoServer(settings);
    try {
      server.bindListeners();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void bindListeners() throws Exception {
    WebSocketServer ws = new WebSocketServer(loops, protocol, new JsonRpcDecoder());
    if (settings.port() > 0 || settings.securePort() <= 0) {
      listeners.add(ws.bind(settings.address(), settings.port(), settings.path(), null));
    }
    if (settings.securePort() > 0 && settings.certificate() != null) {
      String password = settings.certificatePassword();
      SslContext ssl = SslContextBuilder.forServer(settings.certificate(), settings.certificate(),
          password == null || password.isEmpty() ? null : password).build();
      listeners.add(ws.bind(settings.address(), settings.securePort(), settings.path(), ssl));
    }
  }

  /**
   * A server with no listener, for tests that drive the protocol directly: {@link #protocol()}
   * takes messages as a connection would deliver them.
   */
  public static KurentoServer unbound(Settings settings) {
    return new KurentoServer(settings);
  }

  public KurentoProtocol protocol() {
    return protocol;
  }

  /** Bound addresses, ws first then wss. */
  public List<InetSocketAddress> addresses() {
    return listeners.stream().map(ch -> (InetSocketAddress) ch.localAddress()).toList();
  }

  public boolean epoll() {
    return loops.isEpoll();
  }

  public MediaObjectRegistry registry() {
    return registry;
  }

  public KmdRegistry kmd() {
    return kmd;
  }

  /** Stops listening, releases every pipeline and shuts the loops down. */
  @Override
  public void close() {
    collector.cancel(false);
    for (Channel ch : listeners) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    for (var p : registry.pipelines()) {
      try {
        p.loop().submit(p::release).await(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    watchdog.close();
    loops.close();
    blocking.shutdownNow();
  }

  /** What ServerManager reports from here. */
  private final class Environment implements ServerEnvironment {
    private final Map<String, MediaObjectFactory> factories;
    private final String generationTime = new SimpleDateFormat("MMM dd yyyy HH:mm:ss",
        Locale.ROOT).format(new Date());

    Environment(Map<String, MediaObjectFactory> factories) {
      this.factories = factories;
    }

    @Override
    public Struct serverInfo() {
      List<Struct> modules = new ArrayList<>();
      for (ModuleDef m : kmd.modules()) {
        List<String> names = new ArrayList<>();
        for (RemoteClassDef c : kmd.classesOf(m.name())) {
          if (!c.isAbstract() && factories.containsKey(c.name())) {
            names.add(c.name());
          }
        }
        modules.add(Struct.of("ModuleInfo", "version", m.version(), "name", m.name(),
            "generationTime", generationTime, "factories", names));
      }
      return Struct.of("ServerInfo", "version", KURENTO_VERSION, "modules", modules,
          "type", "KMS", "capabilities", List.of("transactions"));
    }

    @Override
    public String kmd(String moduleName) {
      ModuleDef m = moduleName == null ? null : kmd.module(moduleName);
      return m == null ? null : m.kmdText();
    }

    @Override
    public List<String> sessions() {
      return sessions.ids();
    }

    @Override
    public String metadata() {
      return settings.metadata() == null ? "" : settings.metadata();
    }
  }
}
