package org.rivulet.rpc.jsonrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.rivulet.elements.EventSink;
import org.rivulet.elements.MediaObject;
import org.rivulet.rpc.kmd.EventDef;
import org.rivulet.rpc.kmd.KmdRegistry;
import org.rivulet.rpc.kmd.ParamDef;
import org.rivulet.rpc.marshal.Marshaller;
import org.rivulet.rpc.session.RpcConnection;
import org.rivulet.rpc.session.SessionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events raised by media objects into {@code onEvent} notifications (kurento-protocol.md 6):
 * no {@code id}; {@code params.value} holds {@code object}, {@code type} and {@code data}; data has
 * {@code source}, {@code tags}, {@code timestampMillis} as a string, {@code type} for events derived
 * from Media, and the event's own fields. Serialized once, sent to each subscribed session's
 * connection.
 */
public final class EventDispatcher implements EventSink {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KmdRegistry kmd;
  private final Marshaller marshaller;
  private final SessionManager sessions;
  private final ObjectMapper mapper;

  public EventDispatcher(KmdRegistry kmd, Marshaller marshaller, SessionManager sessions,
      ObjectMapper mapper) {
    this.kmd = kmd;
    this.marshaller = marshaller;
    this.sessions = sessions;
    this.mapper = mapper;
  }

  @Override
  public void fire(MediaObject source, String eventType, Map<String, Object> data) {
    List<RpcConnection> targets = sessions.listeners(source.getId(), eventType);
    if (targets.isEmpty()) {
      return;
    }
    String text;
    try {
      text = mapper.writeValueAsString(notification(source, eventType, data));
    } catch (Exception e) {
      log.warn("Cannot serialize event {} of {}: {}", eventType, source.getId(), e.toString());
      return;
    }
    for (RpcConnection c : targets) {
      c.send(text);
    }
  }

  ObjectNode notification(MediaObject source, String eventType, Map<String, Object> fields) {
    EventDef def = kmd.event(eventType);
    ObjectNode data = JSON.objectNode();
    data.put("source", source.getId());
    ArrayNode tags = data.putArray("tags");
    source.tagsForEvents().forEach((k, v) -> tags.addObject().put("__module__", "kurento")
        .put("__type__", "Tag").put("key", k).put("value", v));
    data.put("timestampMillis", Long.toString(System.currentTimeMillis()));
    if (kmd.eventIsA(eventType, "Media")) {
      data.put("type", eventType);
    }
    if (def != null) {
      for (ParamDef f : kmd.fieldsOf(def)) {
        if (fields.containsKey(f.name())) {
          data.set(f.name(), marshaller.toJson(fields.get(f.name()), f.type()));
        }
      }
    }
    fields.forEach((k, v) -> {
      if (!data.has(k)) {
        data.set(k, marshaller.toJson(v, null));
      }
    });
    ObjectNode value = JSON.objectNode();
    value.set("data", data);
    value.put("object", source.getId());
    value.put("type", eventType);
    ObjectNode notification = JSON.objectNode();
    notification.put("jsonrpc", "2.0");
    notification.put("method", "onEvent");
    notification.putObject("params").set("value", value);
    return notification;
  }
}
