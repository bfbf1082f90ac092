/**
 * libxl's application-owned event loop, bridged into ours: the osevent hooks record and wake
 * {@link org.virtxend.libxl.event.OsEventLoop}'s own poll thread, the only caller of
 * {@code libxl_osevent_occurred_*}; domain events are copied, freed and handed to the driver;
 * asynchronous operations complete futures through {@link org.virtxend.libxl.event.AsyncOps}.
 */
package org.virtxend.libxl.event;
