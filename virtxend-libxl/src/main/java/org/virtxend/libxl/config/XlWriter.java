package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;

/** Collects xl.cfg settings in order and writes them as text. Null values are skipped. */
final class XlWriter {
    private final StringBuilder out = new StringBuilder();

    XlWriter str(String key, String value) {
        if (value != null) {
            out.append(XlConfText.format(key, new XlValue.Str(value)));
        }
        return this;
    }

    XlWriter num(String key, long value) {
        // xl's lexer has no negative numbers; it reads numeric settings from quoted text as well.
        out.append(XlConfText.format(key, value < 0 ? new XlValue.Str(Long.toString(value)) : new XlValue.Num(value)));
        return this;
    }

    XlWriter list(String key, List<String> values) {
        if (!values.isEmpty()) {
            List<XlValue> items = new ArrayList<>();
            values.forEach(v -> items.add(new XlValue.Str(v)));
            out.append(XlConfText.format(key, new XlValue.Items(items)));
        }
        return this;
    }

    /** A list setting whose items are numbers or lists written as strings, e.g. per-vCPU cpus. */
    XlWriter items(String key, List<XlValue> values) {
        out.append(XlConfText.format(key, new XlValue.Items(values)));
        return this;
    }

    String text() {
        return out.toString();
    }
}
