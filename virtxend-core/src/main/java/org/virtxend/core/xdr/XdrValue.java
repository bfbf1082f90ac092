package org.virtxend.core.xdr;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes one value (no presence word, no array count) of a field,
 * according to its protobuf type and XDR options.
 */
final class XdrValue {
    /** VIR_NET_MESSAGE_STRING_MAX: libvirt's bound on any single string. */
    static final long STRING_MAX = 4194304;
    private final FieldDescriptor field;
    private final long max;
    private final int fixed;
    private final boolean chars;
    private final XdrCodec<?> nested;

    XdrValue(FieldDescriptor field) {
        this.field = field;
        var opts = field.getOptions();
        if (field.isRepeated()) {
            // in an array, (xdr.max) bounds the count; each element has its own bound
            this.max = opts.hasExtension(XdrOptions.elementMax)
                    ? Integer.toUnsignedLong(opts.getExtension(XdrOptions.elementMax)) : STRING_MAX;
        } else {
            this.max = opts.hasExtension(XdrOptions.max) ? Integer.toUnsignedLong(opts.getExtension(XdrOptions.max)) : -1;
        }
        this.fixed = field.isRepeated() ? 0 : opts.getExtension(XdrOptions.fixed); // on arrays it fixes the count
        this.chars = opts.getExtension(XdrOptions.chars);
        boolean sized = field.getJavaType() == FieldDescriptor.JavaType.STRING
                || field.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING;
        if (sized && max < 0 && fixed == 0) {
            throw new IllegalStateException("XDR schema: " + field.getFullName() + " needs (xdr.max) or (xdr.fixed)");
        }
        this.nested = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? XdrCodec.forDescriptor(field.getMessageType()) : null;
        if (field.getJavaType() == FieldDescriptor.JavaType.ENUM || field.getJavaType() == FieldDescriptor.JavaType.FLOAT) {
            throw new IllegalStateException("XDR schema: " + field.getFullName() + " has a type XDR mapping does not cover");
        }
    }

    Object read(XdrReader in, Message.Builder parent) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> in.readInt();
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> in.readLong();
            case BOOL -> in.readBool();
            case DOUBLE -> in.readDouble();
            case STRING -> chars ? readChars(in) : readString(in);
            case BYTES -> ByteString.copyFrom(fixedOrVariable(in));
            case MESSAGE -> nested.decodeInto(in, parent.newBuilderForField(field)).build();
            default -> throw new IllegalStateException("unmapped type " + field.getType());
        };
    }

    private String readString(XdrReader in) {
        if (fixed > 0) {
            return new String(in.readFixedOpaque(fixed), StandardCharsets.UTF_8);
        }
        return in.readString(max, field.getName());
    }

    private byte[] fixedOrVariable(XdrReader in) {
        return fixed > 0 ? in.readFixedOpaque(fixed) : in.readOpaque(max, field.getName());
    }

    /** C chars: one 4-byte int each. A fixed char[N] drops its trailing NUL padding. */
    private String readChars(XdrReader in) {
        int n = fixed > 0 ? fixed : in.readLength(max, field.getName());
        in.need(4L * n);
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) (in.readInt() & 0xff));
        }
        if (fixed > 0) {
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == 0) {
                end--;
            }
            sb.setLength(end);
        }
        return sb.toString();
    }

    void write(Object v, XdrWriter out) {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> out.writeInt((Integer) v);
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> out.writeLong((Long) v);
            case BOOL -> out.writeBool((Boolean) v);
            case DOUBLE -> out.writeDouble((Double) v);
            case STRING -> writeString((String) v, out);
            case BYTES -> writeBytes(((ByteString) v).toByteArray(), out);
            case MESSAGE -> nested.encodeAny((Message) v, out);
            default -> throw new IllegalStateException("unmapped type " + field.getType());
        }
    }

    private void writeString(String s, XdrWriter out) {
        if (chars) {
            writeChars(s, out);
        } else {
            writeBytes(s.getBytes(StandardCharsets.UTF_8), out);
        }
    }

    private void writeBytes(byte[] b, XdrWriter out) {
        if (fixed > 0) {
            if (b.length != fixed) {
                throw new XdrException(field.getName() + ": expected " + fixed + " bytes, got " + b.length);
            }
            out.writeFixedOpaque(b, 0, fixed);
            return;
        }
        if (b.length > max) {
            throw new XdrException(field.getName() + ": length " + b.length + " exceeds maximum " + max);
        }
        out.writeOpaque(b);
    }

    private void writeChars(String s, XdrWriter out) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = fixed > 0 ? fixed : b.length;
        if (b.length > n || (fixed == 0 && b.length > max)) {
            throw new XdrException(field.getName() + ": " + b.length + " chars exceed the bound");
        }
        if (fixed == 0) {
            out.writeInt(n);
        }
        for (int i = 0; i < n; i++) {
            out.writeInt(i < b.length ? b[i] : 0); // xdr_char sign-extends, as C does
        }
    }
}
