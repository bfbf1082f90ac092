package org.virtxend.libxl.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.virtxend.libxl.event.LibxlEvent;
import org.virtxend.libxl.testing.NativeBuild;

/** Every Java layout the binding uses, against sizes and offsets gcc reports from the installed libxl.h. */
class LayoutTest {
    private static final Map<String, StructLayout> LAYOUTS = Map.ofEntries(
            Map.entry("libxl_dominfo", LibxlLayouts.DOMINFO),
            Map.entry("libxl_physinfo", LibxlLayouts.PHYSINFO),
            Map.entry("libxl_version_info", LibxlLayouts.VERSION_INFO),
            Map.entry("libxl_event", LibxlLayouts.EVENT),
            Map.entry("libxl_osevent_hooks", LibxlLayouts.OSEVENT_HOOKS),
            Map.entry("libxl_event_hooks", LibxlLayouts.EVENT_HOOKS),
            Map.entry("libxl_asyncop_how", LibxlLayouts.ASYNCOP_HOW),
            Map.entry("libxl_childproc_hooks", LibxlLayouts.CHILDPROC_HOOKS),
            Map.entry("xentoollog_logger", LibxlLayouts.LOGGER),
            Map.entry("libxl_bitmap", LibxlLayouts.BITMAP),
            Map.entry("libxl_vcpuinfo", LibxlLayouts.VCPUINFO),
            Map.entry("timeval", LibxlLayouts.TIMEVAL),
            Map.entry("pollfd", LibxlLayouts.POLLFD));
    private static final Map<String, Long> CONSTANTS = Map.of(
            "libxl_domain_config", LibxlLayouts.DOMAIN_CONFIG_SIZE,
            "LIBXL_SHUTDOWN_REASON_CRASH", (long) LibxlEvent.REASON_CRASH,
            "LIBXL_EVENT_TYPE_DOMAIN_DEATH", (long) LibxlEvent.DOMAIN_DEATH,
            "ERROR_DOMAIN_NOTFOUND", (long) LibxlError.DOMAIN_NOTFOUND,
            "libxl_sigchld_owner_libxl_always_selective_reap", (long) LibxlContext.CHILD_SELECTIVE_REAP);

    @Test
    void javaLayoutsMatchTheInstalledHeader() throws Exception {
        Process p = new ProcessBuilder(NativeBuild.layoutCheck().toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int checked = 0;
        for (String line : out.strip().split("\n")) {
            String[] f = line.split(" ");
            String name = f[0];
            int dot = name.indexOf('.');
            if (dot < 0 && LAYOUTS.containsKey(name)) {
                assertThat(LAYOUTS.get(name).byteSize()).as("sizeof " + name).isEqualTo(Long.parseLong(f[1]));
            } else if (dot < 0) {
                assertThat(CONSTANTS).as(name).containsKey(name);
                assertThat(CONSTANTS.get(name)).as(name).isEqualTo(Long.parseLong(f[1]));
            } else {
                StructLayout s = LAYOUTS.get(name.substring(0, dot));
                String field = name.substring(dot + 1);
                MemoryLayout m = s.select(PathElement.groupElement(field));
                assertThat(s.byteOffset(PathElement.groupElement(field))).as("offsetof " + name).isEqualTo(Long.parseLong(f[1]));
                assertThat(m.byteSize()).as("sizeof " + name).isEqualTo(Long.parseLong(f[2]));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
    }
}
