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
import java.util.Map;
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
    private java.util.Map<FieldDescriptor, XdrField> arms;

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
        var armPlans = new java.util.HashMap<FieldDescriptor, XdrField>();
        for (var fd : sorted) {
            // a union arm is its value alone: the codec writes the discriminant
            XdrField f = union != null ? XdrFields.plain(fd) : XdrFields.of(fd);
            plan.add(f);
            armPlans.put(fd, f);
        }
        fields = List.copyOf(plan);
        arms = union != null ? Map.copyOf(armPlans) : Map.of();
    }

    private synchronized List<XdrField> fields() {
        return fields;
    }

    private synchronized XdrField arm(FieldDescriptor fd) {
        return arms.get(fd);
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    public T decode(byte[] bytes) {
        return decode(XdrReader.of(bytes)); // surplus bytes are accepted silently, as libvirt does
    }

    public T decode(ByteBuffer buf) {
        return decode(new XdrReader(buf));
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
            arm(arm).read(in, b);
            return b;
        }
        for (XdrField f : fields()) {
            f.read(in, b);
        }
        return b;
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
            arm(arm).write(msg, out);
            return;
        }
        for (XdrField f : fields()) {
            f.write(msg, out);
        }
    }
}
