package org.virtxend.dist;

/**
 * Who hears how the start went: nobody in the foreground, the waiting parent for a
 * {@code -d} child ({@link DetachedChild}). systemd hears it separately ({@link SystemdNotify}).
 */
interface StartupReport {
    StartupReport NONE = new StartupReport() {
        @Override
        public void serving() {
        }

        @Override
        public void failed(StartupStatus status, String message) {
        }
    };

    /** The sockets accept clients and the driver is ready. */
    void serving();

    void failed(StartupStatus status, String message);
}
