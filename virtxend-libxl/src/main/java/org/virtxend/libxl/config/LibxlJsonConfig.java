package org.virtxend.libxl.config;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.LifecycleAction;
import org.virtxend.core.domain.OsType;

/**
 * Domain XML → the {@code libxl_domain_config} JSON that {@code libxl_domain_config_from_json}
 * reads. The JSON follows what the real {@code xl -N} prints for the same guest: fields at their
 * libxl default are left out, empty sub-structures are written as {@code {}} as libxl writes
 * them. The libxl driver hands this text to libxl; {@code virsh domxml-to-native libxl-json}
 * prints it.
 */
public final class LibxlJsonConfig {
    /** Device kinds libxl would need but this converter does not build (yet): refused, never dropped. */
    private static final java.util.List<String> NOT_EXPRESSED = java.util.List.of("hostdev", "channel",
            "parallel", "sound", "smartcard", "redirdev", "tpm", "filesystem", "vsock", "shmem", "rng");

    private LibxlJsonConfig() {
    }

    /**
     * @throws org.virtxend.core.error.VirtException (VIR_ERR_CONFIG_UNSUPPORTED) when the
     *         definition uses something libxl cannot express
     */
    public static String toJson(DomainDefinition def) {
        return JsonText.write(toTree(def));
    }

    static JsonObject toTree(DomainDefinition def) {
        for (String kind : NOT_EXPRESSED) {
            if (!def.devices().ofKind(kind).isEmpty()) {
                throw LibxlErrors.unsupported("<" + kind + "> devices are not supported by the libxl configuration");
            }
        }
        JsonObject root = new JsonObject();
        root.object("c_info")
                .put("type", typeName(def.osType()))
                .put("name", def.name())
                .put("uuid", def.uuid().toString())
                // Xen 4.17 reads hardware-assisted paging from c_info (type.hvm.hap is gone).
                .putDefbool("hap", def.osType() == OsType.HVM ? BuildInfoJson.switchOf(def.features(), "hap") : null);
        root.put("b_info", BuildInfoJson.of(def));
        DeviceJson.addDisks(root, def);
        DeviceJson.addNics(root, def);
        DisplayJson.addPvDisplay(root, def);
        root.put("on_poweroff", action(def.onPoweroff()));
        root.put("on_reboot", action(def.onReboot()));
        root.put("on_crash", action(def.onCrash()));
        // No domain XML element names the soft-reset action; xl's default lets the guest do it.
        root.put("on_soft_reset", "soft_reset");
        return root;
    }

    static String typeName(OsType type) {
        return switch (type) {
            case PV -> "pv";
            case HVM -> "hvm";
            case PVH -> "pvh";
        };
    }

    /** libxl_action_on_shutdown spelling; destroy is the IDL default and is left out. */
    static String action(LifecycleAction a) {
        return switch (a) {
            case DESTROY -> null;
            case RESTART -> "restart";
            case RENAME_RESTART -> "restart_rename";
            case PRESERVE -> "preserve";
            case COREDUMP_DESTROY -> "coredump_destroy";
            case COREDUMP_RESTART -> "coredump_restart";
        };
    }
}
