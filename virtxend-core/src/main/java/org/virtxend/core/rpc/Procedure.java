package org.virtxend.core.rpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import java.util.function.Function;
import org.virtxend.core.xdr.XdrCodec;
import org.virtxend.core.xdr.XdrOptions;

/**
 * One procedure of a program, as the schema declares it. Its codecs are built
 * on first use: loading the generated classes of every procedure at start-up
 * would cost most of a second for calls most clients never make.
 */
public final class Procedure {
    private final int number;
    private final String name;
    private final boolean highPriority;
    private final boolean readOnlyAllowed;
    private final MethodDescriptor method;
    private final Function<Descriptor, Message> prototypes;
    private volatile XdrCodec<Message> args;
    private volatile XdrCodec<Message> ret;

    private Procedure(MethodDescriptor m, Function<Descriptor, Message> prototypes) {
        var o = m.getOptions();
        this.number = o.getExtension(XdrOptions.proc);
        this.name = m.getName();
        this.highPriority = o.getExtension(XdrOptions.priority) == XdrOptions.Priority.HIGH;
        this.readOnlyAllowed = o.getExtension(XdrOptions.readonly);
        this.method = m;
        this.prototypes = prototypes;
    }

    static Procedure of(MethodDescriptor m, Function<Descriptor, Message> prototypes) {
        return new Procedure(m, prototypes);
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public boolean highPriority() {
        return highPriority;
    }

    public boolean readOnlyAllowed() {
        return readOnlyAllowed;
    }

    public MethodDescriptor method() {
        return method;
    }

    public XdrCodec<Message> args() {
        XdrCodec<Message> c = args;
        if (c == null) {
            c = XdrCodec.of(prototypes.apply(method.getInputType()));
            args = c;
        }
        return c;
    }

    public XdrCodec<Message> ret() {
        XdrCodec<Message> c = ret;
        if (c == null) {
            c = XdrCodec.of(prototypes.apply(method.getOutputType()));
            ret = c;
        }
        return c;
    }

    /** Whether the procedure carries no payload (void in libvirt's .x). */
    public boolean voidArgs() {
        return method.getInputType().getFields().isEmpty();
    }

    @Override
    public String toString() {
        return name + "(" + number + ")";
    }
}
