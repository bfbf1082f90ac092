package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** python3-libvirt (Debian's, on /usr/bin/python3) drives the daemon. */
class PythonClientIT {
    @TempDir
    Path root;

    @Test
    void pythonBindingsWork() throws Exception {
        Tools.requireVirsh();
        try (var daemon = new DaemonProcess(root).start()) {
            Virsh.rw(daemon).ok("define", Tools.resource("domains/demo-pv.xml", root).toString());
            Path script = root.resolve("client.py");
            Files.writeString(script, """
                    import sys, libvirt
                    conn = libvirt.open(sys.argv[1])
                    names = sorted(d.name() for d in conn.listAllDomains())
                    print("domains", ",".join(names))
                    dom = conn.lookupByName("demo")
                    print("info", dom.info())
                    print("xmlname", "<name>demo</name>" in dom.XMLDesc())
                    dom.create()
                    print("started", dom.isActive(), dom.ID() > 0, dom.info()[0])
                    try:
                        dom.create()
                    except libvirt.libvirtError as e:
                        print("again", e.get_error_code(), e.get_error_message())
                    dom.destroy()
                    print("destroyed", dom.isActive(), dom.info()[0])
                    try:
                        conn.lookupByName("nosuch")
                    except libvirt.libvirtError as e:
                        print("error", e.get_error_code(), e.get_error_message())
                    conn.close()
                    """);
            Cmd c = Cmd.run(List.of("/usr/bin/python3", script.toString(), daemon.uri())).ok();
            assertThat(c.out()).contains("domains Domain-0,demo")
                    .contains("info [5, 524288, 262144, 1, 0]")
                    .contains("xmlname True")
                    .contains("started 1 True 1")
                    .contains("again 55 Requested operation is not valid: Domain is already running")
                    .contains("destroyed 0 5")
                    .contains("error 42 Domain not found: no domain with matching name 'nosuch'");
        }
    }
}
