package org.virtxend.core.driver;

/** virSecurityLabel of a domain. */
public record SecurityLabel(String label, boolean enforcing) {
}
