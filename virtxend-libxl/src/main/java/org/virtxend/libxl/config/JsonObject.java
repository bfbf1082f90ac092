package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered JSON object under construction. Values are strings, numbers, booleans written
 * as libxl's defbool strings, lists, or nested objects; a null value is simply left out, which
 * is how libxl's own JSON says "default".
 */
final class JsonObject {
    private final Map<String, Object> members = new LinkedHashMap<>();

    JsonObject put(String key, Object value) {
        if (value != null) {
            members.put(key, value);
        }
        return this;
    }

    /** A libxl_defbool: "True"/"False", or left out when null (default). */
    JsonObject putDefbool(String key, Boolean value) {
        return put(key, value == null ? null : value ? "True" : "False");
    }

    /** The nested object under {@code key}, created empty on first use. */
    JsonObject object(String key) {
        return (JsonObject) members.computeIfAbsent(key, k -> new JsonObject());
    }

    /** Appends to the list under {@code key}, creating it on first use. */
    @SuppressWarnings("unchecked")
    JsonObject append(String key, Object value) {
        ((List<Object>) members.computeIfAbsent(key, k -> new ArrayList<>())).add(value);
        return this;
    }

    Object get(String key) {
        return members.get(key);
    }

    Map<String, Object> members() {
        return members;
    }
}
