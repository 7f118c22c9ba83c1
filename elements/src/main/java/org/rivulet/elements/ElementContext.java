package org.rivulet.elements;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.Executor;
import org.rivulet.elements.config.ModuleConfig;

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

  public ElementContext(MediaObjectRegistry registry, EventSink events, ModuleConfig config,
      EventLoopGroup mediaLoops, Executor blocking) {
    this.registry = registry;
    this.events = events;
    this.config = config;
    this.mediaLoops = mediaLoops;
    this.blocking = blocking;
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
