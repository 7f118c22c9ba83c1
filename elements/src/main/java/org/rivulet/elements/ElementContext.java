package org.rivulet.elements;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.Executor;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;

/**
 * The services every media object shares: the registry, the event sink, the module configuration,
 * the event loops pipelines are bound to, and an executor for blocking work (which never runs on a
 * pipeline's loop).
 */
public final class ElementContext {
  private final MediaObjectRegistry registry;
  private final EventSink events;
  private final ModuleConfig config;
  private final EventLoopGroup mediaLoops;
  private final Executor blocking;
  private final MediaNetwork network;

  public ElementContext(MediaObjectRegistry registry, EventSink events, ModuleConfig config,
      EventLoopGroup mediaLoops, Executor blocking) {
    this(registry, events, config, mediaLoops, blocking, null);
  }

  /**
   * @param network sockets, addresses and certificates for RTP endpoints; null where no endpoint
   *     will negotiate media (object-model tests)
   */
  public ElementContext(MediaObjectRegistry registry, EventSink events, ModuleConfig config,
      EventLoopGroup mediaLoops, Executor blocking, MediaNetwork network) {
    this.registry = registry;
    this.events = events;
    this.config = config;
    this.mediaLoops = mediaLoops;
    this.blocking = blocking;
    this.network = network;
  }

  /** Network access for RTP endpoints, or null when this server was built without it. */
  public MediaNetwork network() {
    return network;
  }

  public MediaObjectRegistry registry() {
    return registry;
  }

  public EventSink events() {
    return events;
  }

  public ModuleConfig config() {
    return config;
  }

  public EventLoopGroup mediaLoops() {
    return mediaLoops;
  }

  /** For work that may block (files, sleeps, handshakes): never a pipeline's loop. */
  public Executor blocking() {
    return blocking;
  }
}
