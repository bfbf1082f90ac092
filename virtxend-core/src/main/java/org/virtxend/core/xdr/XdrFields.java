package org.virtxend.core.xdr;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** The three shapes a field can take on the wire: plain, pointer, array. */
final class XdrFields {
    private XdrFields() {
    }

    /** The value alone, with no presence word or count. */
    static XdrField plain(FieldDescriptor fd) {
        return new Plain(fd, new XdrValue(fd));
    }

    static XdrField of(FieldDescriptor fd) {
        var opts = fd.getOptions();
        var value = new XdrValue(fd);
        if (fd.isRepeated()) {
            int fixed = opts.getExtension(XdrOptions.fixed);
            if (fixed == 0 && !opts.hasExtension(XdrOptions.max)) {
                throw new IllegalStateException("XDR schema: array " + fd.getFullName() + " needs (xdr.max) or (xdr.fixed)");
            }
            long max = Integer.toUnsignedLong(opts.getExtension(XdrOptions.max));
            return new Array(fd, value, fixed, max);
        }
        if (opts.getExtension(XdrOptions.optionalPtr)) {
            if (!fd.hasPresence()) {
                throw new IllegalStateException("XDR schema: pointer " + fd.getFullName() + " must be 'optional' or a message");
            }
            return new Pointer(fd, value);
        }
        return new Plain(fd, value);
    }

    private record Plain(FieldDescriptor fd, XdrValue value) implements XdrField {
        @Override
        public void read(XdrReader in, Message.Builder into) {
            into.setField(fd, value.read(in, into));
        }

        @Override
        public void write(Message from, XdrWriter out) {
            value.write(from.getField(fd), out);
        }
    }

    /** XDR {@code T *}: any non-zero presence word means present (go-libvirt writes 0x01000000). */
    private record Pointer(FieldDescriptor fd, XdrValue value) implements XdrField {
        @Override
        public void read(XdrReader in, Message.Builder into) {
            if (in.readInt() != 0) {
                into.setField(fd, value.read(in, into));
            }
        }

        @Override
        public void write(Message from, XdrWriter out) {
            if (from.hasField(fd)) {
                out.writeInt(1);
                value.write(from.getField(fd), out);
            } else {
                out.writeInt(0);
            }
        }
    }

    private record Array(FieldDescriptor fd, XdrValue value, int fixed, long max) implements XdrField {
        @Override
        public void read(XdrReader in, Message.Builder into) {
            int n = fixed > 0 ? fixed : in.readLength(max, fd.getName());
            in.need(4L * n); // every XDR item takes at least 4 bytes: refuse counts the frame cannot hold
            for (int i = 0; i < n; i++) {
                into.addRepeatedField(fd, value.read(in, into));
            }
        }

        @Override
        public void write(Message from, XdrWriter out) {
            int n = from.getRepeatedFieldCount(fd);
            if (fixed > 0 ? n != fixed : n > max) {
                throw new XdrException(fd.getName() + ": " + n + " elements do not fit the bound");
            }
            if (fixed == 0) {
                out.writeInt(n);
            }
            for (int i = 0; i < n; i++) {
                value.write(from.getRepeatedField(fd, i), out);
            }
        }
    }
}
