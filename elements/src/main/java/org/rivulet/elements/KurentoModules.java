package org.rivulet.elements;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rivulet.elements.endpoint.HttpPostEndpoint;
import org.rivulet.elements.endpoint.PlayerEndpoint;
import org.rivulet.elements.endpoint.RecorderEndpoint;
import org.rivulet.elements.endpoint.RtpEndpoint;
import org.rivulet.elements.endpoint.WebRtcEndpoint;
import org.rivulet.elements.filter.FaceOverlayFilter;
import org.rivulet.elements.filter.GStreamerFilter;
import org.rivulet.elements.filter.ImageOverlayFilter;
import org.rivulet.elements.filter.ZBarFilter;
import org.rivulet.elements.hub.AlphaBlending;
import org.rivulet.elements.hub.Composite;
import org.rivulet.elements.hub.Dispatcher;
import org.rivulet.elements.hub.DispatcherOneToMany;
import org.rivulet.elements.hub.Mixer;

/** Kurento's three modules, {@code core}, {@code elements} and {@code filters}, as Rivulet implements them. */
public final class KurentoModules {
  private KurentoModules() {
  }

  private static MediaPipeline pipeline(Args a) {
    return a.object("mediaPipeline", MediaPipeline.class);
  }

  /** Kurento's {@code core} module. */
  public static final class Core implements ElementModule {
    @Override
    public String name() {
      return "core";
    }

    @Override
    public Map<String, MediaObjectFactory> factories() {
      Map<String, MediaObjectFactory> f = new LinkedHashMap<>();
      f.put("MediaPipeline", (c, a) -> new MediaPipeline(c));
      f.put("PassThrough", (c, a) -> new PassThrough(c, pipeline(a)));
      f.put("HubPort", (c, a) -> new HubPort(c, a.object("hub", Hub.class)));
      return f;
    }
  }

  /** Kurento's {@code elements} module. */
  public static final class Elements implements ElementModule {
    @Override
    public String name() {
      return "elements";
    }

    @Override
    public Map<String, MediaObjectFactory> factories() {
      Map<String, MediaObjectFactory> f = new LinkedHashMap<>();
      f.put("WebRtcEndpoint", (c, a) -> new WebRtcEndpoint(c, pipeline(a), a));
      f.put("RtpEndpoint", (c, a) -> new RtpEndpoint(c, pipeline(a), a));
      f.put("RecorderEndpoint", (c, a) -> new RecorderEndpoint(c, pipeline(a), a));
      f.put("PlayerEndpoint", (c, a) -> new PlayerEndpoint(c, pipeline(a), a));
      f.put("HttpPostEndpoint", (c, a) -> new HttpPostEndpoint(c, pipeline(a), a));
      f.put("Composite", (c, a) -> new Composite(c, pipeline(a), a));
      f.put("Mixer", (c, a) -> new Mixer(c, pipeline(a)));
      f.put("AlphaBlending", (c, a) -> new AlphaBlending(c, pipeline(a)));
      f.put("Dispatcher", (c, a) -> new Dispatcher(c, pipeline(a)));
      f.put("DispatcherOneToMany", (c, a) -> new DispatcherOneToMany(c, pipeline(a)));
      return f;
    }
  }

  /** Kurento's {@code filters} module. */
  public static final class Filters implements ElementModule {
    @Override
    public String name() {
      return "filters";
    }

    @Override
    public Map<String, MediaObjectFactory> factories() {
      Map<String, MediaObjectFactory> f = new LinkedHashMap<>();
      f.put("ZBarFilter", (c, a) -> new ZBarFilter(c, pipeline(a)));
      f.put("FaceOverlayFilter", (c, a) -> new FaceOverlayFilter(c, pipeline(a)));
      f.put("ImageOverlayFilter", (c, a) -> new ImageOverlayFilter(c, pipeline(a)));
      f.put("GStreamerFilter", (c, a) -> new GStreamerFilter(c, pipeline(a), a));
      return f;
    }
  }
}
