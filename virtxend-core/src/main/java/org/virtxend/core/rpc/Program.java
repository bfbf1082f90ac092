package org.virtxend.core.rpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.virtxend.core.xdr.XdrOptions;

/** A program's procedure table, read from its protobuf service. */
public final class Program {
    private final int number;
    private final int version;
    private final String name;
    private final Map<Integer, Procedure> byNumber = new HashMap<>();
    private final Map<String, Procedure> byName = new HashMap<>();

    /**
     * @param prototypes gives the generated default instance for a message type,
     *                   so that decoding builds generated classes, not dynamic ones
     */
    public Program(ServiceDescriptor service, Function<Descriptor, Message> prototypes) {
        this.number = service.getOptions().getExtension(XdrOptions.program);
        this.version = service.getOptions().getExtension(XdrOptions.version);
        this.name = service.getName();
        for (var m : service.getMethods()) {
            var p = Procedure.of(m, prototypes);
            if (byNumber.putIfAbsent(p.number(), p) != null) {
                throw new IllegalStateException(name + ": duplicate procedure number " + p.number());
            }
            byName.put(p.name(), p);
        }
    }

    public int number() {
        return number;
    }

    public int version() {
        return version;
    }

    public String name() {
        return name;
    }

    public Procedure procedure(int proc) {
        return byNumber.get(proc);
    }

    public Procedure procedure(String procName) {
        Procedure p = byName.get(procName);
        if (p == null) {
            throw new IllegalArgumentException(name + " has no procedure " + procName);
        }
        return p;
    }

    public Collection<Procedure> procedures() {
        return byNumber.values();
    }
}
