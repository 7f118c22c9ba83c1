package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * MAPPED-ADDRESS (RFC 8489 section 14.1): the reflexive transport address in the clear. Only RFC 3489
 * clients need it; ICE uses {@link XorMappedAddress}. The layout is drawn in {@link StunAddressCodec}.
 *
 * @param address a resolved IPv4 or IPv6 address and port
 */
public record MappedAddress(InetSocketAddress address) implements StunAttribute {

  public MappedAddress {
    StunAddressCodec.requireResolved(address, "MAPPED-ADDRESS");
  }

  @Override
  public int type() {
    return StunAttributeType.MAPPED_ADDRESS;
  }

  @Override
  public int valueLength() {
    return StunAddressCodec.valueLength(address);
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    StunAddressCodec.write(out, address, null);
  }
}
