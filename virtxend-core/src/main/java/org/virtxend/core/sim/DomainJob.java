package org.virtxend.core.sim;

/** A change made as a domain's job: the next view from the current one, and the events it raises. */
@FunctionalInterface
interface DomainJob {
    DomainView apply(DomainView current, JobEvents events);
}
