package org.rivulet.elements;

/**
 * Creates one class of media object from its constructor parameters (checked and converted against
 * Kurento's descriptor by the RPC layer). Runs on the executor of the pipeline the new object joins.
 */
@FunctionalInterface
public interface MediaObjectFactory {
  MediaObject create(ElementContext context, Args constructorParams);
}
