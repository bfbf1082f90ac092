package org.virtxend.dist;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.virtxend.dist.os.Libc;
import org.virtxend.dist.os.UnixDatagramSender;

/**
 * sd_notify(3) for {@code Type=notify}: a datagram to {@code $NOTIFY_SOCKET}. We send
 * {@code READY=1} only once clients are really served (libvirt sends it before its driver
 * is known to work, so a failed start looks like a clean one), and {@code STOPPING=1}.
 */
final class SystemdNotify {
    private static final System.Logger LOG = System.getLogger(SystemdNotify.class.getName());

    private SystemdNotify() {
    }

    static void ready() {
        send("READY=1\nMAINPID=" + ProcessHandle.current().pid());
    }

    static void reloading() {
        send("RELOADING=1");
    }

    static void readyAgain() {
        send("READY=1");
    }

    static void stopping() {
        send("STOPPING=1");
    }

    private static void send(String message) {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return;
        }
        if (!Libc.available()) {
            LOG.log(Level.WARNING, "cannot notify systemd without native access: " + message);
            return;
        }
        try (UnixDatagramSender sender = UnixDatagramSender.open()) {
            int rc = sender.send(socket, message.getBytes(StandardCharsets.UTF_8));
            if (rc < 0) {
                LOG.log(Level.WARNING, "cannot notify systemd at " + socket + ": " + Libc.strerror(-rc));
            } else {
                LOG.log(Level.DEBUG, "notified systemd: {0}", message.replace('\n', ' '));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot notify systemd: " + e.getMessage());
        }
    }
}
