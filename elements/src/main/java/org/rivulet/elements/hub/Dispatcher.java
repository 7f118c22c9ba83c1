package org.rivulet.elements.hub;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.Hub;
import org.rivulet.elements.HubPort;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Kurento's Dispatcher: {@code connect(source, sink)} routes every media type entering port
 * {@code source} out of port {@code sink}; a sink port has one source, so connecting it again
 * switches it while media flows. At a switch the sink's receivers need a keyframe of the new
 * source, so one is asked for at once (the endpoints downstream also hold back the new source's
 * video until a keyframe arrives).
 */
public class Dispatcher extends Hub {
  /** Sink port → the port whose media it sends out. */
  private final Map<HubPort, HubPort> sourceOf = new LinkedHashMap<>();

  public Dispatcher(ElementContext context, MediaPipeline pipeline) {
    super(context, "Dispatcher", pipeline);
    register();
  }

  @Override
  public Object invoke(String operation, Args args) {
    if (operation.equals("connect")) {
      connect(args.object("source", HubPort.class), args.object("sink", HubPort.class));
      return null;
    }
    return super.invoke(operation, args);
  }

  /** Routes {@code source}'s media out of {@code sink}, replacing the sink's previous source. */
  public void connect(HubPort source, HubPort sink) {
    if (source.hub() != this || sink.hub() != this) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "Both ports must belong to Dispatcher " + getId());
    }
    if (source.isReleased() || sink.isReleased()) {
      throw KurentoException.objectNotFound(source.isReleased() ? source.getId() : sink.getId());
    }
    HubPort previous = sourceOf.put(sink, source);
    if (previous != source) {
      requestKeyframe(source, MediaType.VIDEO);
    }
  }

  @Override
  protected void route(HubPort from, MediaType type, RtpFormat format, ByteBuf rtp) {
    try {
      for (Map.Entry<HubPort, HubPort> e : sourceOf.entrySet()) {
        if (e.getValue() == from) {
          deliver(e.getKey(), type, format, rtp.retain());
        }
      }
    } finally {
      rtp.release();
    }
  }

  @Override
  protected long videoEstimateFrom(HubPort from) {
    long min = Long.MAX_VALUE;
    for (Map.Entry<HubPort, HubPort> e : sourceOf.entrySet()) {
      if (e.getValue() == from) {
        min = Math.min(min, estimateOut(e.getKey()));
      }
    }
    return min;
  }

  @Override
  protected void keyframeRequested(HubPort at, MediaType type) {
    HubPort source = sourceOf.get(at);
    if (source != null) {
      requestKeyframe(source, type);
    }
  }

  @Override
  protected void onPortRemoved(HubPort port) {
    sourceOf.remove(port);
    sourceOf.values().removeIf(source -> source == port);
  }
}
