package org.virtxend.core.rpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.util.concurrent.ConcurrentHashMap;

/** Builds {@link Program}s from services, finding the generated class of each message type. */
public final class Programs {
    private static final ConcurrentHashMap<String, Program> CACHE = new ConcurrentHashMap<>();

    private Programs() {
    }

    public static Program fromService(ServiceDescriptor service) {
        return CACHE.computeIfAbsent(service.getFullName(), k -> new Program(service, Programs::prototype));
    }

    /** The generated default instance for a message type, found through the file's java options. */
    static Message prototype(Descriptor d) {
        String className = className(d);
        try {
            Class<?> c = Class.forName(className, true, Programs.class.getClassLoader());
            return (Message) c.getMethod("getDefaultInstance").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no generated class " + className + " for " + d.getFullName(), e);
        }
    }

    /** The binary name of the class protoc generates for a top-level message type. */
    static String className(Descriptor d) {
        var file = d.getFile();
        String pkg = file.getOptions().getJavaPackage();
        if (file.getOptions().getJavaMultipleFiles()) {
            return pkg + "." + d.getName();
        }
        String outer = file.getOptions().hasJavaOuterClassname() ? file.getOptions().getJavaOuterClassname()
                : camel(file.getName().replace(".proto", ""));
        return pkg + "." + outer + "$" + d.getName();
    }

    private static String camel(String s) {
        var sb = new StringBuilder();
        boolean up = true;
        for (char c : s.toCharArray()) {
            if (c == '_' || c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }
}
