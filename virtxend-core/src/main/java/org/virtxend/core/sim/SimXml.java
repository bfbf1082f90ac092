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

    /**
     * The persistent view (config files, dumpxml --inactive, save images). Generated vif names
     * belong to one run of the guest: libvirt's parser drops them from every definition it reads
     * as inactive, so they never reach a config file or a later start.
     */
    static String inactive(DomainDefinition def) {
        return DomainXmlFormatter.format(def.withoutVifNames(), -1, true);
    }
}
