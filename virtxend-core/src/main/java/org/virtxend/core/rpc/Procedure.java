package org.virtxend.core.rpc;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import org.virtxend.core.xdr.XdrCodec;
import org.virtxend.core.xdr.XdrOptions;

/** One procedure of a program, as the schema declares it. */
public record Procedure(int number, String name, boolean highPriority, boolean readOnlyAllowed,
                        XdrCodec<Message> args, XdrCodec<Message> ret, MethodDescriptor method) {

    static Procedure of(MethodDescriptor m, Message argsPrototype, Message retPrototype) {
        var o = m.getOptions();
        return new Procedure(o.getExtension(XdrOptions.proc), m.getName(),
                o.getExtension(XdrOptions.priority) == org.virtxend.core.xdr.XdrOptions.Priority.HIGH,
                o.getExtension(XdrOptions.readonly),
                XdrCodec.of(argsPrototype), XdrCodec.of(retPrototype), m);
    }

    /** Whether the procedure carries no payload (void in libvirt's .x). */
    public boolean voidArgs() {
        return method.getInputType().getFields().isEmpty();
    }
}
