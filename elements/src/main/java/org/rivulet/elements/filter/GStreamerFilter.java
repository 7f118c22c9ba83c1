package org.rivulet.elements.filter;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/**
 * Kurento's GStreamerFilter: in Kurento, a GStreamer element described by a gst-launch
 * {@code command}. Rivulet has no GStreamer; the command is kept so applications can read it back.
 */
public class GStreamerFilter extends Filter {
  private final String filterType;

  public GStreamerFilter(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "GStreamerFilter", pipeline);
    defineProperty("command", params.string("command"));
    this.filterType = params.string("filterType", "AUTODETECT");
    register();
  }

  public String filterType() {
    return filterType;
  }
}
