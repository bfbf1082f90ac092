package org.virtxend.core.remote;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.protocol.NonnullDomain;
import org.virtxend.core.xdr.XdrException;

/** Wire domains ↔ driver references (libvirt's get_nonnull_domain / make_nonnull_domain). */
public final class WireMapping {
    private WireMapping() {
    }

    public static DomainRef ref(NonnullDomain d) {
        return new DomainRef(d.getName(), uuid(d.getUuid()), d.getId());
    }

    public static NonnullDomain wire(DomainRef ref) {
        return NonnullDomain.newBuilder().setName(ref.name()).setUuid(bytes(ref.uuid())).setId(ref.id()).build();
    }

    public static UUID uuid(ByteString raw) {
        if (raw.size() != 16) {
            throw new XdrException("uuid must be 16 bytes");
        }
        ByteBuffer b = raw.asReadOnlyByteBuffer();
        return new UUID(b.getLong(), b.getLong());
    }

    public static ByteString bytes(UUID uuid) {
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    }

    /** C strings in char arrays travel with their NUL. */
    public static String cString(String s) {
        return s + '\0';
    }
}
