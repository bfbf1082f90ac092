package org.virtxend.core.domain.xml;

/** One node of the small immutable XML tree virtxend keeps: an element or a run of text. */
public sealed interface XmlNode permits XmlElement, XmlText {
}
