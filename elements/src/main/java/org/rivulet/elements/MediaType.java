package org.rivulet.elements;

/** Kurento's MediaType enum; the wire value is the constant's name. */
public enum MediaType {
  AUDIO, DATA, VIDEO;

  /** The value of an optional MediaType argument, or null when absent. */
  public static MediaType of(String value) {
    return value == null ? null : valueOf(value);
  }
}
