package org.virtxend.libxl.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Differences between two JSON trees as "path kind" lines, e.g. {@code "nics[0].mac ours-only"}.
 * Kinds: {@code ours-only}, {@code theirs-only}, {@code differs}. Key order does not matter,
 * list order does (libxl lists are ordered: disks by index, bitmaps by bit).
 */
final class JsonTreeDiff {
    private JsonTreeDiff() {
    }

    static Set<String> diff(JsonElement ours, JsonElement theirs) {
        Set<String> out = new TreeSet<>();
        walk("", ours, theirs, out);
        return out;
    }

    private static void walk(String path, JsonElement ours, JsonElement theirs, Set<String> out) {
        if (ours.isJsonObject() && theirs.isJsonObject()) {
            JsonObject a = ours.getAsJsonObject();
            JsonObject b = theirs.getAsJsonObject();
            for (String k : a.keySet()) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (b.has(k)) {
                    walk(p, a.get(k), b.get(k), out);
                } else {
                    out.add(p + " ours-only");
                }
            }
            for (String k : b.keySet()) {
                if (!a.has(k)) {
                    out.add((path.isEmpty() ? k : path + "." + k) + " theirs-only");
                }
            }
        } else if (ours.isJsonArray() && theirs.isJsonArray() && isContainerList(ours) && isContainerList(theirs)) {
            var a = ours.getAsJsonArray();
            var b = theirs.getAsJsonArray();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String p = path + "[" + i + "]";
                if (i >= b.size()) {
                    out.add(p + " ours-only");
                } else if (i >= a.size()) {
                    out.add(p + " theirs-only");
                } else {
                    walk(p, a.get(i), b.get(i), out);
                }
            }
        } else if (!ours.equals(theirs)) {
            out.add(path + " differs");
        }
    }

    /** Lists of objects are compared element by element; lists of scalars as one value. */
    private static boolean isContainerList(JsonElement list) {
        var a = list.getAsJsonArray();
        return !a.isEmpty() && a.get(0).isJsonObject();
    }
}
