package org.virtxend.core.sim;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlFormatter;
import org.virtxend.core.domain.DomainXmlParser;

/** The driver's one door to the domain XML model. */
final class SimXml {
    private SimXml() {
    }

    static DomainDefinition parse(String xml) {
        return DomainXmlParser.parse(xml);
    }

    static String live(DomainDefinition def, int id) {
        return DomainXmlFormatter.format(def, id, false);
    }

    static String inactive(DomainDefinition def) {
        return DomainXmlFormatter.format(def, -1, true);
    }
}
