package org.virtxend.core.xdr;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * XDR encoder/decoder for one protobuf message type, planned once from its
 * descriptor: fields travel in field-number order; the {@code xdr.*} options
 * give bounds, fixed lengths, pointers and unions.
 */
public final class XdrCodec<T extends Message> {
    private static final ConcurrentHashMap<Descriptor, XdrCodec<?>> CODECS = new ConcurrentHashMap<>();

    private final Descriptor descriptor;
    private volatile Message prototype;
    private List<XdrField> fields;
    private OneofDescriptor union;

    private XdrCodec(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** The codec for a generated message type. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> XdrCodec<T> of(T defaultInstance) {
        XdrCodec<T> codec = (XdrCodec<T>) forDescriptor(defaultInstance.getDescriptorForType());
        codec.prototype = defaultInstance;
        return codec;
    }

    static XdrCodec<?> forDescriptor(Descriptor d) {
        XdrCodec<?> existing = CODECS.get(d);
        if (existing != null) {
            return existing;
        }
        var codec = new XdrCodec<>(d);
        existing = CODECS.putIfAbsent(d, codec);
        if (existing != null) {
            return existing;
        }
        codec.plan(); // after publishing, so that recursive types find themselves
        return codec;
    }

    private synchronized void plan() {
        if (descriptor.getOptions().getExtension(XdrOptions.union)) {
            if (descriptor.getRealOneofs().size() != 1) {
                throw new IllegalStateException("XDR union " + descriptor.getFullName() + " needs exactly one oneof");
            }
            union = descriptor.getRealOneofs().get(0);
        }
        var sorted = new ArrayList<>(descriptor.getFields());
        sorted.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
        var plan = new ArrayList<XdrField>();
        for (var fd : sorted) {
            plan.add(union != null ? new UnionArm(fd, new XdrValue(fd)) : XdrFields.of(fd));
        }
        fields = List.copyOf(plan);
    }

    private synchronized List<XdrField> fields() {
        return fields;
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    public T decode(byte[] bytes) {
        return decodeAll(XdrReader.of(bytes));
    }

    public T decode(ByteBuffer buf) {
        return decodeAll(new XdrReader(buf));
    }

    /** Decodes and refuses nothing after: libvirt accepts surplus bytes silently, and so do we. */
    private T decodeAll(XdrReader in) {
        return decode(in);
    }

    @SuppressWarnings("unchecked")
    public T decode(XdrReader in) {
        return (T) decodeInto(in, newBuilder()).build();
    }

    Message.Builder decodeInto(XdrReader in, Message.Builder b) {
        if (union != null) {
            int disc = in.readInt();
            FieldDescriptor arm = descriptor.findFieldByNumber(disc);
            if (arm == null || arm.getRealContainingOneof() != union) {
                throw new XdrException(descriptor.getName() + ": unknown union discriminant " + disc);
            }
            fields().get(indexOf(arm)).read(in, b);
            return b;
        }
        for (XdrField f : fields()) {
            f.read(in, b);
        }
        return b;
    }

    private int indexOf(FieldDescriptor arm) {
        var list = fields();
        for (int i = 0; i < list.size(); i++) {
            if (((UnionArm) list.get(i)).fd() == arm) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    private Message.Builder newBuilder() {
        Message p = prototype;
        return p != null ? p.newBuilderForType() : DynamicMessage.newBuilder(descriptor);
    }

    public byte[] encode(T msg) {
        var out = new XdrWriter();
        encode(msg, out);
        return out.toByteArray();
    }

    public void encode(T msg, XdrWriter out) {
        encodeAny(msg, out);
    }

    void encodeAny(Message msg, XdrWriter out) {
        if (msg.getDescriptorForType() != descriptor) {
            throw new IllegalArgumentException("codec for " + descriptor.getFullName() + " given " + msg.getDescriptorForType().getFullName());
        }
        if (union != null) {
            FieldDescriptor arm = msg.getOneofFieldDescriptor(union);
            if (arm == null) {
                throw new XdrException(descriptor.getName() + ": union has no case set");
            }
            out.writeInt(arm.getNumber());
            fields().get(indexOf(arm)).write(msg, out);
            return;
        }
        for (XdrField f : fields()) {
            f.write(msg, out);
        }
    }

    /** One case of a union: the value alone, its discriminant is written by the codec. */
    private record UnionArm(FieldDescriptor fd, XdrValue value) implements XdrField {
        @Override
        public void read(XdrReader in, Message.Builder into) {
            into.setField(fd, value.read(in, into));
        }

        @Override
        public void write(Message from, XdrWriter out) {
            value.write(from.getField(fd), out);
        }
    }
}
