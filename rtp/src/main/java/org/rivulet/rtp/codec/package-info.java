/**
 * What a forwarder needs to know about video payloads without decoding them: where frames and
 * keyframes start ({@link org.rivulet.rtp.codec.Keyframes}), read from the RTP payload descriptors
 * and NAL unit headers of VP8 (RFC 7741), VP9 (RFC 9628) and H.264 (RFC 6184). Reads stay inside
 * the given payload range; nothing retains or releases a buffer.
 */
package org.rivulet.rtp.codec;
