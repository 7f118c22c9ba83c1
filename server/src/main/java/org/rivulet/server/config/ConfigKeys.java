package org.rivulet.server.config;

/**
 * The Kurento keys Rivulet reads or checks, spelled exactly as in {@code kurento.conf.json} and the
 * module files, so that a key in an error message can be pasted into a search of Kurento's
 * documentation.
 */
final class ConfigKeys {

  static final String WS = "mediaServer.net.websocket.";
  static final String WS_ADDRESS = WS + "address";
  static final String WS_PORT = WS + "port";
  static final String WS_PATH = WS + "path";
  static final String WSS_PORT = WS + "secure.port";
  static final String WSS_CERTIFICATE = WS + "secure.certificate";
  static final String WSS_PASSWORD = WS + "secure.password";

  static final String RESOURCES = "mediaServer.resources.";
  static final String GC_PERIOD = RESOURCES + "garbageCollectorPeriod";
  static final String EXCEPTION_LIMIT = RESOURCES + "exceptionLimit";
  static final String DISABLE_REQUEST_CACHE = RESOURCES + "disableRequestCache";

  /** The top-level free-form node returned by {@code ServerManager.getMetadata}. */
  static final String METADATA = "metadata";

  /** Where the core, elements and filters modules keep their settings. */
  static final String KURENTO = "modules.kurento.";

  static final String BASE_RTP = KURENTO + "BaseRtpEndpoint.";
  static final String MIN_PORT = BASE_RTP + "minPort";
  static final String MAX_PORT = BASE_RTP + "maxPort";
  static final String MTU = BASE_RTP + "mtu";

  static final String WEBRTC = KURENTO + "WebRtcEndpoint.";
  static final String NETWORK_INTERFACES = WEBRTC + "networkInterfaces";
  static final String EXTERNAL_IPV4 = WEBRTC + "externalIPv4";
  static final String EXTERNAL_IPV6 = WEBRTC + "externalIPv6";
  static final String ICE_TCP = WEBRTC + "iceTcp";
  static final String STUN_ADDRESS = WEBRTC + "stunServerAddress";
  static final String STUN_PORT = WEBRTC + "stunServerPort";
  static final String TURN_URL = WEBRTC + "turnURL";
  static final String PEM_RSA = WEBRTC + "pemCertificateRSA";
  static final String PEM_ECDSA = WEBRTC + "pemCertificateECDSA";

  static final String MEDIA_ELEMENT = KURENTO + "MediaElement.";
  static final String ENCODER_BITRATE = MEDIA_ELEMENT + "encoderBitrate";
  static final String MIN_ENCODER_BITRATE = MEDIA_ELEMENT + "minEncoderBitrate";
  static final String MAX_ENCODER_BITRATE = MEDIA_ELEMENT + "maxEncoderBitrate";

  /** Kurento's defaults ({@code BaseRtpEndpoint.conf.ini}), used when only one bound is set. */
  static final int DEFAULT_MIN_PORT = 1024;
  static final int DEFAULT_MAX_PORT = 65535;

  private ConfigKeys() {}
}
