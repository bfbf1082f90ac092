package org.virtxend.core.domain.xml;

import java.util.Objects;

/** Character data inside an element (already unescaped). */
public record XmlText(String text) implements XmlNode {
    public XmlText {
        Objects.requireNonNull(text, "text");
    }

    boolean isBlank() {
        return text.isBlank();
    }
}
