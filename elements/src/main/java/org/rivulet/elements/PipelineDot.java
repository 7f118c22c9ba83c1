package org.rivulet.elements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's media graph in Graphviz DOT, which is what Kurento's {@code getGstreamerDot}
 * returns (there it is GStreamer's graph; here it is Rivulet's elements and connections).
 */
public final class PipelineDot {
  private static final Logger log = LoggerFactory.getLogger(PipelineDot.class);

  private PipelineDot() {
  }

  /** Runs on the pipeline's loop. */
  public static String render(MediaPipeline pipeline) {
    StringBuilder dot = new StringBuilder();
    dot.append("digraph pipeline {\n  rankdir=LR;\n  label=\"").append(escape(pipeline.getName()))
        .append("\";\n");
    for (MediaObject child : pipeline.getChildren()) {
      dot.append("  \"").append(escape(child.getId())).append("\" [label=\"")
          .append(escape(child.getType())).append("\\n").append(escape(child.getName()))
          .append("\"];\n");
    }
    for (MediaObject child : pipeline.getChildren()) {
      if (child instanceof MediaElement element) {
        for (Connection c : element.sinkConnections()) {
          dot.append("  \"").append(escape(c.source().getId())).append("\" -> \"")
              .append(escape(c.sink().getId())).append("\" [label=\"").append(c.mediaType())
              .append(' ').append(escape(c.sourceDescription())).append('>')
              .append(escape(c.sinkDescription())).append("\"];\n");
        }
      }
    }
    return dot.append("}\n").toString();
  }

  /**
   * As Kurento: writes the graph into {@code $GST_DEBUG_DUMP_DOT_DIR} when that is set, and does
   * nothing otherwise. The file is written on the blocking executor, never on the loop.
   */
  static void dump(MediaPipeline pipeline, ElementContext context) {
    String dir = System.getenv("GST_DEBUG_DUMP_DOT_DIR");
    if (dir == null || dir.isEmpty()) {
      return;
    }
    String text = render(pipeline);
    String file = pipeline.getId().replaceAll("[^A-Za-z0-9._-]", "_") + ".dot";
    context.blocking().execute(() -> {
      try {
        Files.writeString(Path.of(dir, file), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        log.warn("Cannot write {} into {}: {}", file, dir, e.toString());
      }
    });
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
