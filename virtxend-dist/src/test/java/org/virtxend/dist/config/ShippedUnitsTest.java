package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The systemd units in conf/systemd say what BEHAVIOR.md §10 and issue 4 ask of them. */
class ShippedUnitsTest {
    private static List<String> unit(String name) throws Exception {
        return Files.readAllLines(ShippedConfTest.confDir().resolve("systemd").resolve(name)).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    @Test
    void serviceIsNotifyTypeReloadsWithHupAndRestartsOnlyOnFailure() throws Exception {
        assertThat(unit("virtxend.service")).contains("Type=notify", "ExecReload=/bin/kill -HUP $MAINPID",
                "Environment=VIRTXEND_ARGS=\"--timeout 120\"", "ExecStart=/usr/sbin/virtxend $VIRTXEND_ARGS",
                "Restart=on-failure", "KillMode=process", "Requires=virtxend.socket", "Requires=virtxend-ro.socket",
                "Requires=virtxend-admin.socket", "ConditionPathExists=/proc/xen/capabilities", "Conflicts=libvirtd.service");
    }

    @Test
    void socketsListenWhereTheDaemonWouldAndPassTheirUnitNames() throws Exception {
        assertThat(unit("virtxend.socket")).contains("ListenStream=/run/libvirt/virtxend-sock", "SocketMode=0600",
                "RemoveOnStop=yes", "Service=virtxend.service");
        assertThat(unit("virtxend-ro.socket")).contains("ListenStream=/run/libvirt/virtxend-sock-ro", "SocketMode=0666",
                "BindsTo=virtxend.socket");
        assertThat(unit("virtxend-admin.socket")).contains("ListenStream=/run/libvirt/virtxend-admin-sock",
                "SocketMode=0600", "BindsTo=virtxend.socket");
        // FileDescriptorName= defaults to the unit name, which is what the daemon looks for
        for (String u : List.of("virtxend.socket", "virtxend-ro.socket", "virtxend-admin.socket")) {
            assertThat(unit(u)).noneMatch(l -> l.startsWith("FileDescriptorName="));
        }
    }

    @Test
    void everyReloadableKeyIsInTheShippedFile() throws Exception {
        String conf = Files.readString(ShippedConfTest.confDir().resolve("virtxend.conf"));
        for (String key : SettingChanges.keys()) {
            assertThat(conf).as(key).contains("#" + key + " = ");
        }
    }

}
