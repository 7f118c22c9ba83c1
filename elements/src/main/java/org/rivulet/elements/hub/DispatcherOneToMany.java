package org.rivulet.elements.hub;

import io.netty.buffer.ByteBuf;
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
 * Kurento's DispatcherOneToMany: the media entering the source port ({@code setSource}) goes out
 * of every other port; {@code removeSource} stops it. Keyframe requests from any port go to the
 * source, and a new source is asked for one at once.
 */
public class DispatcherOneToMany extends Hub {
  private HubPort source;

  public DispatcherOneToMany(ElementContext context, MediaPipeline pipeline) {
    super(context, "DispatcherOneToMany", pipeline);
    register();
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "setSource":
        setSource(args.object("source", HubPort.class));
        return null;
      case "removeSource":
        source = null;
        return null;
      default:
        return super.invoke(operation, args);
    }
  }

  public void setSource(HubPort port) {
    if (port.hub() != this) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "The port must belong to DispatcherOneToMany " + getId());
    }
    if (port.isReleased()) {
      throw KurentoException.objectNotFound(port.getId());
    }
    if (source != port) {
      source = port;
      requestKeyframe(port, MediaType.VIDEO);
    }
  }

  @Override
  protected void route(HubPort from, MediaType type, RtpFormat format, ByteBuf rtp) {
    try {
      if (from != source) {
        return;
      }
      for (HubPort port : portArray()) {
        if (port != from) {
          deliver(port, type, format, rtp.retain());
        }
      }
    } finally {
      rtp.release();
    }
  }

  @Override
  protected long videoEstimateFrom(HubPort from) {
    long min = Long.MAX_VALUE;
    if (from == source) {
      for (HubPort port : portArray()) {
        if (port != from) {
          min = Math.min(min, estimateOut(port));
        }
      }
    }
    return min;
  }

  @Override
  protected void keyframeRequested(HubPort at, MediaType type) {
    if (source != null && at != source) {
      requestKeyframe(source, type);
    }
  }

  @Override
  protected void onPortRemoved(HubPort port) {
    if (port == source) {
      source = null;
    }
  }
}
