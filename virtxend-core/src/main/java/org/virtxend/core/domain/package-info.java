/**
 * libvirt domain XML for the Xen driver.
 *
 * <p>{@link org.virtxend.core.domain.DomainXmlParser} reads client XML into an immutable
 * {@link org.virtxend.core.domain.DomainDefinition}; {@link org.virtxend.core.domain.DomainXmlFormatter}
 * writes it back the way libvirt does. What the driver acts on is typed (memory, vCPUs, OS and
 * boot, lifecycle, disks, interfaces, consoles, graphics); what libvirt knows but the driver does
 * not act on is carried as {@link org.virtxend.core.domain.xml.XmlElement} subtrees so that it
 * survives a define/dumpxml round trip. Sub-packages: {@code xml} (safe reader, libvirt-style
 * writer, tree), {@code device} (device views), {@code caps} (host capabilities and sysinfo).
 */
package org.virtxend.core.domain;
