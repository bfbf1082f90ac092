package org.virtxend.core.domain;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * The errors the domain XML code raises, so every message names the element or attribute at
 * fault in the same style. Offending values are shortened: they come from clients and may be
 * arbitrarily long.
 */
public final class DomainErrors {
    private static final int MAX_VALUE_CHARS = 80;

    private DomainErrors() {
    }

    /** "invalid value 'abc' in &lt;memory&gt;" */
    public static VirtException invalidValue(String value, String element) {
        return xml("invalid value '" + shorten(value) + "' in <" + element + ">");
    }

    /** "invalid value 'x' for attribute 'unit' of &lt;memory&gt;" */
    public static VirtException invalidAttribute(String value, String attribute, String element) {
        return xml("invalid value '" + shorten(value) + "' for attribute '" + attribute + "' of <" + element + ">");
    }

    /** "missing &lt;name&gt; element" */
    public static VirtException missingElement(String element) {
        return xml("missing <" + element + "> element");
    }

    /** "missing attribute 'dev' of &lt;target&gt; in &lt;disk&gt;" */
    public static VirtException missingAttribute(String attribute, String element, String device) {
        return xml("missing attribute '" + attribute + "' of <" + element + "> in <" + device + ">");
    }

    public static VirtException xml(String detail) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, detail);
    }

    public static VirtException unsupported(String detail) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN, detail);
    }

    static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
