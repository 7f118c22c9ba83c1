package org.rivulet.elements;

import java.util.Map;

/**
 * A module of media object classes: Kurento's {@code core}, {@code elements} and {@code filters},
 * or a plugin. Its descriptor ({@code META-INF/kurento/<name>.kmd.json}) must be on the class path
 * beside it; the RPC layer checks that every creatable class of the descriptor has a factory here.
 * Modules are found with {@link java.util.ServiceLoader}.
 */
public interface ElementModule {

  /** The module's name as in its descriptor ({@code "core"}). */
  String name();

  /** Factories by simple type name, one per non-abstract class of the descriptor. */
  Map<String, MediaObjectFactory> factories();
}
