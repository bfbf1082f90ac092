package org.virtxend.libxl.config;

import java.util.List;

/** A value in an xl.cfg file: a number, a quoted string, or a list of values. */
sealed interface XlValue {
    record Num(long value) implements XlValue {
    }

    record Str(String value) implements XlValue {
    }

    record Items(List<XlValue> items) implements XlValue {
        public Items {
            items = List.copyOf(items);
        }
    }
}
