/**
 * The answer to Kurento's {@code MediaElement.getStats(mediaType)}: plain records an element fills
 * with what it measured, and {@link org.rivulet.elements.stats.KurentoStats}, which turns them into
 * the {@code Stats<>} map of {@link org.rivulet.elements.Struct}s with the exact type and field
 * names of Kurento's {@code core.kmd.json}, so Kurento's clients can build their
 * {@code RTCInboundRTPStreamStats}, {@code EndpointStats}... objects from it.
 *
 * <p>Kurento's clients build a stats object by calling its constructor with every declared field,
 * so every field is always written: counters a server cannot know are written as zero or empty,
 * as Kurento Media Server itself does.
 */
package org.rivulet.elements.stats;
