package org.rivulet.elements;

/**
 * One link of the media graph: {@code source}'s output of one media type and description feeding
 * {@code sink}'s input of the same type and the sink's description. Kurento's default description
 * is {@code "default"}.
 */
public record Connection(MediaElement source, MediaElement sink, MediaType mediaType,
    String sourceDescription, String sinkDescription) {

  public static final String DEFAULT_DESCRIPTION = "default";

  /** As Kurento's {@code ElementConnectionData}. */
  public Struct toStruct() {
    return Struct.of("ElementConnectionData", "source", source, "sink", sink,
        "type", mediaType.name(), "sourceDescription", sourceDescription,
        "sinkDescription", sinkDescription);
  }
}
