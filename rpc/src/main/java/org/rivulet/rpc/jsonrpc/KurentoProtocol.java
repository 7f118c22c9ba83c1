package org.rivulet.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaObject;
import org.rivulet.elements.MediaObjectFactory;
import org.rivulet.elements.ServerManager;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.rpc.error.JsonRpcErrors;
import org.rivulet.rpc.kmd.KmdRegistry;
import org.rivulet.rpc.kmd.MethodDef;
import org.rivulet.rpc.kmd.PropertyDef;
import org.rivulet.rpc.kmd.RemoteClassDef;
import org.rivulet.rpc.marshal.Marshaller;
import org.rivulet.rpc.session.Session;
import org.rivulet.rpc.session.SessionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kurento Protocol's methods (kurento-protocol.md 4): {@code ping, create, invoke, describe,
 * subscribe, unsubscribe, release, ref, unref, keepAlive, connect, transaction, closeSession}.
 *
 * <p>Requests of one connection are answered in order (pings jump the queue so heartbeats survive
 * long operations). Work on a media object runs on that object's executor; nothing here blocks.
 */
public final class KurentoProtocol {
  private static final Logger log = LoggerFactory.getLogger(KurentoProtocol.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KmdRegistry kmd;
  private final Marshaller marshaller;
  private final SessionManager sessions;
  private final ElementContext elements;
  private final Map<String, MediaObjectFactory> factories;
  private final FileDescriptorGuard fileDescriptors = FileDescriptorGuard.forThisProcess();
  private final ObjectMapper mapper;
  private final String serverId = SessionManager.newId();

  public KurentoProtocol(KmdRegistry kmd, Marshaller marshaller, SessionManager sessions,
      ElementContext elements, Map<String, MediaObjectFactory> factories, ObjectMapper mapper) {
    this.kmd = kmd;
    this.marshaller = marshaller;
    this.sessions = sessions;
    this.elements = elements;
    this.factories = factories;
    this.mapper = mapper;
  }

  /** This process's id, returned by {@code connect}. */
  public String serverId() {
    return serverId;
  }

  /**
   * Handles one decoded JSON value from a connection, answering on it when an answer is due.
   */
  public void onMessage(ClientState client, JsonNode message) {
    if (!message.isObject()) {
      reply(client, JsonRpcErrors.response(null, KurentoError.INVALID_REQUEST,
          "Invalid JSON-RPC request."));
      return;
    }
    JsonNode method = message.get("method");
    JsonNode id = message.get("id");
    if (method == null && (message.has("result") || message.has("error"))) {
      // A response from the client (Java sends one when its event handler throws): ignore it.
      return;
    }
    if (!"2.0".equals(message.path("jsonrpc").asText(null)) || method == null || !method.isTextual()
        || (id != null && (id.isContainerNode()))) {
      reply(client, JsonRpcErrors.response(id != null && id.isValueNode() ? id : null,
          KurentoError.INVALID_REQUEST, "Invalid JSON-RPC request."));
      return;
    }
    ObjectNode request = (ObjectNode) message;
    if (method.textValue().equals("ping")) {
      answer(client, request, ping(client, request));
      return;
    }
    client.enqueue(() -> process(client, request).handle((response, error) -> {
      if (error != null) {
        reply(client, errorResponse(id, error));
      } else if (id != null) {
        reply(client, response);
      }
      return null;
    }));
  }

  private void answer(ClientState client, ObjectNode request, ObjectNode result) {
    if (request.has("id")) {
      reply(client, success(request.get("id"), result));
    }
  }

  private void reply(ClientState client, ObjectNode response) {
    try {
      client.connection().send(mapper.writeValueAsString(response));
    } catch (Exception e) {
      log.warn("Cannot send a response to {}: {}", client.connection().describe(), e.toString());
    }
  }

  private ObjectNode success(JsonNode id, JsonNode result) {
    ObjectNode response = JSON.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("result", result);
    return response;
  }

  private ObjectNode errorResponse(JsonNode id, Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (e instanceof KurentoException k) {
      return JsonRpcErrors.response(id, k);
    }
    log.warn("Unexpected error while processing a request", e);
    return JsonRpcErrors.response(id, KurentoError.INTERNAL_ERROR,
        "Unexpected error while processing method: " + e);
  }

  /** Processes one request (not ping) and completes with its full response. */
  CompletableFuture<ObjectNode> process(ClientState client, ObjectNode request) {
    JsonNode id = request.get("id");
    String method = request.get("method").textValue();
    JsonNode params = request.get("params");
    if (params != null && !params.isObject() && !params.isNull()) {
      return CompletableFuture.completedFuture(JsonRpcErrors.response(id,
          KurentoError.INVALID_PARAMS, "'params' should be an object"));
    }
    ObjectNode p = params instanceof ObjectNode o ? o : null;
    // Session injection (kurento-protocol.md 2.1.3).
    String bound = client.boundSession();
    if (bound != null && (p == null || !p.hasNonNull("sessionId"))
        && !method.equals("connect")) {
      if (p == null) {
        p = JSON.objectNode();
      }
      p.put("sessionId", bound);
    }
    CompletableFuture<ObjectNode> result;
    try {
      result = dispatch(client, method, p, false);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.handle((r, error) -> {
      if (error != null) {
        return errorResponse(id, error);
      }
      if (r == null) {
        return success(id, NullNode.getInstance());
      }
      JsonNode sid = r.get("sessionId");
      if (sid != null && sid.isTextual()) {
        client.boundSession(sid.textValue());
        sessions.bind(sid.textValue(), client.connection());
      }
      return success(id, r);
    });
  }

  private CompletableFuture<ObjectNode> dispatch(ClientState client, String method, ObjectNode p,
      boolean inTransaction) {
    switch (method) {
      case "create":
        return create(require(p), sessionOf(p));
      case "invoke":
        return invoke(require(p), sessionOf(p));
      case "describe":
        return describe(require(p), sessionOf(p));
      case "subscribe":
        return subscribe(require(p), sessionOf(p));
      case "unsubscribe":
        return unsubscribe(require(p));
      case "release":
        return release(require(p), sessionOf(p));
      case "ref":
        return ref(require(p), sessionOf(p));
      case "unref":
        return unref(require(p), sessionOf(p));
      case "keepAlive":
        return keepAlive(require(p));
      case "connect":
        return connect(p);
      case "closeSession":
        return closeSession(require(p));
      case "transaction":
        if (inTransaction) {
          throw new KurentoException(KurentoError.MALFORMED_TRANSACTION,
              "A transaction cannot contain a transaction");
        }
        return transaction(client, require(p), sessionOf(p));
      case "ping":
        return CompletableFuture.completedFuture(ping(client, p == null ? JSON.objectNode() : p));
      default:
        throw new KurentoException(KurentoError.METHOD_NOT_FOUND, "Method not found.");
    }
  }

  private static ObjectNode require(ObjectNode p) {
    if (p == null) {
      throw new KurentoException(KurentoError.INVALID_PARAMS, "'params' is required");
    }
    return p;
  }

  /** The request's session id, or a fresh one (kurento-protocol.md 2.1.2). */
  private String sessionOf(ObjectNode p) {
    JsonNode s = p == null ? null : p.get("sessionId");
    if (s != null && s.isTextual() && !s.textValue().isEmpty()) {
      sessions.touch(s.textValue());
      return s.textValue();
    }
    return SessionManager.newId();
  }

  private static String requireString(ObjectNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      throw new KurentoException(KurentoError.SERVER_ERROR, "'" + field + "' parameter is required");
    }
    if (!v.isTextual()) {
      throw new KurentoException(KurentoError.SERVER_ERROR,
          "'" + field + "' parameter should be a string");
    }
    return v.textValue();
  }

  private static ObjectNode optionalObject(ObjectNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new KurentoException(KurentoError.SERVER_ERROR,
          "'" + field + "' parameter should be an object");
    }
    return (ObjectNode) v;
  }

  private static ObjectNode result(String sessionId) {
    ObjectNode r = JSON.objectNode();
    r.put("sessionId", sessionId);
    return r;
  }

  private static ObjectNode result(String sessionId, JsonNode value) {
    ObjectNode r = result(sessionId);
    r.set("value", value);
    return r;
  }

  // ------------------------------------------------------------------ methods

  private ObjectNode ping(ClientState client, ObjectNode request) {
    JsonNode params = request.get("params");
    JsonNode sid = params == null ? null : params.get("sessionId");
    String session = sid != null && sid.isTextual() ? sid.textValue() : client.boundSession();
    ObjectNode r = JSON.objectNode();
    if (session != null) {
      sessions.touch(session);
      r.put("sessionId", session);
    }
    r.put("value", "pong");
    return r;
  }

  private CompletableFuture<ObjectNode> create(ObjectNode p, String session) {
    fileDescriptors.check();
    String type = requireString(p, "type");
    String simple = type.contains(".") ? type.substring(type.lastIndexOf('.') + 1) : type;
    RemoteClassDef def = kmd.remoteClass(simple);
    MediaObjectFactory factory = factories.get(simple);
    if (def == null || def.isAbstract() || factory == null
        || (type.contains(".") && !type.equals(def.module() + "." + simple))) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_NOT_AVAILABLE,
          "Factory '" + type + "' not found");
    }
    JsonNode given = p.get("constructorParams");
    if (given != null && !given.isNull() && !given.isObject()) {
      throw KurentoException.marshall("'constructorParams' should be an object");
    }
    boolean required = def.constructorParams().stream().anyMatch(c -> !c.optional());
    if (required && (given == null || given.isNull())) {
      throw KurentoException.marshall("'constructorParams' is required");
    }
    Args args = marshaller.args(def.constructorParams(), given);
    Executor executor = null;
    for (Object v : args.asMap().values()) {
      if (v instanceof MediaObject o) {
        executor = o.executor();
        break;
      }
    }
    Supplier<MediaObject> make = () -> factory.create(elements, args);
    CompletableFuture<MediaObject> created = executor == null
        ? CompletableFuture.completedFuture(make.get())
        : CompletableFuture.supplyAsync(make, executor);
    return created.thenApply(o -> {
      sessions.ref(session, o.getId());
      return result(session, TextNode.valueOf(o.getId()));
    });
  }

  private CompletableFuture<ObjectNode> invoke(ObjectNode p, String session) {
    String objectId = requireString(p, "object");
    String operation = requireString(p, "operation");
    MediaObject target = marshaller.resolve(objectId);
    ObjectNode given = optionalObject(p, "operationParams");
    int count = given == null ? 0 : given.size();
    sessions.ref(session, target.getId());
    String cls = target.getType();

    for (PropertyDef prop : kmd.allProperties(cls)) {
      String suffix = Character.toUpperCase(prop.name().charAt(0)) + prop.name().substring(1);
      if (operation.equals("get" + suffix) && count == 0) {
        return on(target, () -> target.getProperty(prop.name()))
            .thenApply(v -> result(session, marshaller.toJson(v, prop.type())));
      }
      if (operation.equals("set" + suffix) && prop.writable() && count == 1
          && given.has(prop.name())) {
        Object value = marshaller.fromJson(given.get(prop.name()), prop.type(), prop.name());
        if (value == null) {
          throw KurentoException.marshall("'" + prop.name() + "' parameter is required");
        }
        return on(target, () -> {
          target.setProperty(prop.name(), value);
          return null;
        }).thenApply(v -> result(session, NullNode.getInstance()));
      }
    }
    MethodDef method = kmd.findMethod(cls, operation);
    if (method == null) {
      throw new KurentoException(KurentoError.MALFORMED_TRANSACTION,
          "Method '" + operation + "' with " + count + " parameters not found");
    }
    boolean required = method.params().stream().anyMatch(m -> !m.optional());
    if (required && given == null) {
      throw KurentoException.marshall("'operationParams' is required");
    }
    Args args = marshaller.args(method.params(), given);
    return on(target, () -> target.invoke(operation, args))
        .thenApply(v -> result(session, marshaller.toJson(v, method.returnType())));
  }

  /**
   * Runs {@code work} on the object's executor; a {@link CompletionStage} result is waited for
   * without blocking.
   */
  private static CompletableFuture<Object> on(MediaObject target, Supplier<Object> work) {
    return CompletableFuture.supplyAsync(() -> {
      if (target.isReleased()) {
        throw KurentoException.objectNotFound(target.getId());
      }
      return work.get();
    }, target.executor()).thenCompose(v -> v instanceof CompletionStage<?> stage
        ? stage.thenApply(x -> (Object) x).toCompletableFuture()
        : CompletableFuture.completedFuture(v));
  }

  private CompletableFuture<ObjectNode> describe(ObjectNode p, String session) {
    MediaObject target = marshaller.resolve(requireString(p, "object"));
    sessions.ref(session, target.getId());
    RemoteClassDef def = kmd.remoteClass(target.getType());
    ObjectNode r = result(session);
    r.put("type", target.getType());
    r.put("qualifiedType", (def == null ? "kurento" : def.module()) + "." + target.getType());
    ArrayNode hierarchy = r.putArray("hierarchy");
    kmd.hierarchy(target.getType()).forEach(hierarchy::add);
    return CompletableFuture.completedFuture(r);
  }

  private CompletableFuture<ObjectNode> subscribe(ObjectNode p, String session) {
    String type = requireString(p, "type");
    MediaObject target = marshaller.resolve(requireString(p, "object"));
    if (!kmd.eventsOf(target.getType()).contains(type)) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_EVENT_NOT_SUPPORTED,
          "Event '" + type + "' not supported");
    }
    String subscription = sessions.subscribe(session, target.getId(), type);
    return CompletableFuture.completedFuture(result(session, TextNode.valueOf(subscription)));
  }

  private CompletableFuture<ObjectNode> unsubscribe(ObjectNode p) {
    String session = requireString(p, "sessionId");
    JsonNode sub = p.get("subscription");
    if (sub != null && sub.isTextual()) {
      sessions.unsubscribe(session, sub.textValue());
    }
    return CompletableFuture.completedFuture(result(session));
  }

  private CompletableFuture<ObjectNode> release(ObjectNode p, String session) {
    String objectId = requireString(p, "object");
    return releaseObject(objectId).thenApply(v -> result(session));
  }

  /** Releases an object on its executor; unknown ids are fine (kurento-protocol.md 4.6). */
  private CompletableFuture<Void> releaseObject(String objectId) {
    MediaObject target = elements.registry().find(objectId);
    if (target == null || target instanceof ServerManager) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(target::release, target.executor());
  }

  private CompletableFuture<ObjectNode> ref(ObjectNode p, String session) {
    MediaObject target = marshaller.resolve(requireString(p, "object"));
    sessions.ref(session, target.getId());
    return CompletableFuture.completedFuture(result(session));
  }

  private CompletableFuture<ObjectNode> unref(ObjectNode p, String session) {
    MediaObject target = marshaller.resolve(requireString(p, "object"));
    sessions.unref(session, target.getId(), this::releaseQuietly);
    return CompletableFuture.completedFuture(result(session));
  }

  private void releaseQuietly(String objectId) {
    releaseObject(objectId).exceptionally(e -> {
      log.warn("Releasing {} failed: {}", objectId, e.toString());
      return null;
    });
  }

  private CompletableFuture<ObjectNode> keepAlive(ObjectNode p) {
    String session = requireString(p, "sessionId");
    if (sessions.find(session) == null) {
      throw new KurentoException(KurentoError.INVALID_SESSION, "Invalid session");
    }
    sessions.touch(session);
    return CompletableFuture.completedFuture(result(session));
  }

  private CompletableFuture<ObjectNode> connect(ObjectNode p) {
    JsonNode sid = p == null ? null : p.get("sessionId");
    String session;
    if (sid != null && !sid.isNull()) {
      if (!sid.isTextual() || sessions.find(sid.textValue()) == null) {
        throw new KurentoException(KurentoError.INVALID_SESSION, "Invalid session");
      }
      session = sid.textValue();
      sessions.touch(session);
    } else {
      // Not registered until it references an object (kurento-protocol.md 4.7).
      session = SessionManager.newId();
    }
    ObjectNode r = result(session);
    r.put("serverId", serverId);
    return CompletableFuture.completedFuture(r);
  }

  private CompletableFuture<ObjectNode> closeSession(ObjectNode p) {
    String session = requireString(p, "sessionId");
    sessions.close(session, this::releaseQuietly);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Runs the operations in order, replacing {@code "newref:N"} strings with the value of the N-th
   * response; stops at the first error (kurento-protocol.md 4.8).
   */
  private CompletableFuture<ObjectNode> transaction(ClientState client, ObjectNode p,
      String session) {
    JsonNode ops = p.get("operations");
    if (ops == null || !ops.isArray()) {
      throw new KurentoException(KurentoError.SERVER_ERROR,
          "'operations' parameter should be an array");
    }
    for (int i = 0; i < ops.size(); i++) {
      JsonNode op = ops.get(i);
      if (!op.isObject() || !op.path("id").isIntegralNumber() || op.path("id").intValue() != i) {
        throw new KurentoException(KurentoError.MALFORMED_TRANSACTION,
            "Id of request '" + i + "' should be '" + i + "'");
      }
    }
    List<ObjectNode> responses = new ArrayList<>();
    CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
    for (JsonNode op : ops) {
      chain = chain.thenCompose(ok -> {
        if (!ok) {
          return CompletableFuture.completedFuture(false);
        }
        return runOperation(client, (ObjectNode) op.deepCopy(), session, responses)
            .thenApply(response -> {
              responses.add(response);
              return !response.has("error");
            });
      });
    }
    return chain.thenApply(ok -> {
      ArrayNode value = JSON.arrayNode();
      responses.forEach(value::add);
      return result(session, value);
    });
  }

  private CompletableFuture<ObjectNode> runOperation(ClientState client, ObjectNode op,
      String session, List<ObjectNode> previous) {
    JsonNode id = op.get("id");
    try {
      JsonNode method = op.get("method");
      if (method == null || !method.isTextual()) {
        throw new KurentoException(KurentoError.INVALID_REQUEST, "Invalid JSON-RPC request.");
      }
      JsonNode params = op.get("params");
      ObjectNode p = params instanceof ObjectNode o ? o : JSON.objectNode();
      p.put("sessionId", session);
      replaceNewrefs(p, previous);
      return dispatch(client, method.textValue(), p, true).handle((r, error) -> {
        if (error != null) {
          return errorResponse(id, error);
        }
        return success(id, r == null ? NullNode.getInstance() : r);
      });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(errorResponse(id, e));
    }
  }

  private static void replaceNewrefs(JsonNode node, List<ObjectNode> previous) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual()) {
          e.setValue(substitute(e.getValue().textValue(), previous));
        } else {
          replaceNewrefs(e.getValue(), previous);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          a.set(i, substitute(a.get(i).textValue(), previous));
        } else {
          replaceNewrefs(a.get(i), previous);
        }
      }
    }
  }

  private static JsonNode substitute(String text, List<ObjectNode> previous) {
    if (!text.startsWith(Marshaller.NEWREF)) {
      return TextNode.valueOf(text);
    }
    String index = text.substring(Marshaller.NEWREF.length());
    int n;
    try {
      n = Integer.parseInt(index);
    } catch (NumberFormatException e) {
      throw new KurentoException(KurentoError.MALFORMED_TRANSACTION, "Invalid newref '" + text + "'");
    }
    if (n < 0 || n >= previous.size()) {
      throw new KurentoException(KurentoError.MALFORMED_TRANSACTION, "Invalid newref '" + text + "'");
    }
    JsonNode value = previous.get(n).path("result").path("value");
    if (!value.isTextual()) {
      throw new KurentoException(KurentoError.MALFORMED_TRANSACTION,
          "newref '" + text + "' does not name an object");
    }
    return value;
  }

  /** Session lookups for tests. */
  Session session(String id) {
    return sessions.find(id);
  }
}
