package org.virtxend.core.driver;

import java.util.List;

/** One domain's answer to virConnectGetAllDomainStats: the domain and its fields, in libvirt's names. */
public record DomainStatsRecord(DomainRef dom, List<TypedField> fields) {
}
