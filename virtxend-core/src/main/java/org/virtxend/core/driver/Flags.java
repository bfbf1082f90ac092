package org.virtxend.core.driver;

/** libvirt flag bits used by the driver entry points. */
public final class Flags {
    private Flags() {
    }

    // virDomainModificationImpact
    public static final int AFFECT_LIVE = 1;
    public static final int AFFECT_CONFIG = 2;
    // virDomainVcpuFlags / virDomainMemoryModFlags extras
    public static final int VCPU_MAXIMUM = 4;
    public static final int VCPU_GUEST = 8;
    public static final int MEM_MAXIMUM = 4;
    // virDomainXMLFlags
    public static final int XML_SECURE = 1;
    public static final int XML_INACTIVE = 2;
    public static final int XML_UPDATE_CPU = 4;
    public static final int XML_MIGRATABLE = 8;
    // virDomainCreateFlags
    public static final int START_PAUSED = 1;
    public static final int START_AUTODESTROY = 2;
    public static final int START_BYPASS_CACHE = 4;
    public static final int START_FORCE_BOOT = 8;
    public static final int START_VALIDATE = 16;
    // virDomainDefineFlags
    public static final int DEFINE_VALIDATE = 1;
    // virDomainUndefineFlagsValues
    public static final int UNDEFINE_MANAGED_SAVE = 1;
    public static final int UNDEFINE_SNAPSHOTS_METADATA = 2;
    public static final int UNDEFINE_NVRAM = 4;
    public static final int UNDEFINE_KEEP_NVRAM = 8;
    public static final int UNDEFINE_CHECKPOINTS_METADATA = 16;
    // virDomainDestroyFlagsValues
    public static final int DESTROY_GRACEFUL = 1;
    // virDomainShutdownFlagValues
    public static final int SHUTDOWN_ACPI_POWER_BTN = 1;
    public static final int SHUTDOWN_GUEST_AGENT = 2;
    public static final int SHUTDOWN_PARAVIRT = 16;
    // virConnectListAllDomainsFlags
    public static final int LIST_ACTIVE = 1;
    public static final int LIST_INACTIVE = 2;
    public static final int LIST_PERSISTENT = 4;
    public static final int LIST_TRANSIENT = 8;
    public static final int LIST_RUNNING = 16;
    public static final int LIST_PAUSED = 32;
    public static final int LIST_SHUTOFF = 64;
    public static final int LIST_OTHER = 128;
    public static final int LIST_MANAGEDSAVE = 256;
    public static final int LIST_NO_MANAGEDSAVE = 512;
    public static final int LIST_AUTOSTART = 1024;
    public static final int LIST_NO_AUTOSTART = 2048;
    public static final int LIST_HAS_SNAPSHOT = 4096;
    public static final int LIST_NO_SNAPSHOT = 8192;
    public static final int LIST_HAS_CHECKPOINT = 16384;
    public static final int LIST_NO_CHECKPOINT = 32768;

    /** Fails with libvirt's "unsupported flags" error when bits outside {@code allowed} are set. */
    public static void check(int flags, int allowed, String function) {
        int extra = flags & ~allowed;
        if (extra != 0) {
            // libvirt's virCheckFlags reports this text as is, without the "invalid argument" prefix
            throw org.virtxend.core.error.VirtException.verbatim(org.virtxend.core.error.ErrorCode.INVALID_ARG,
                    org.virtxend.core.error.ErrorDomain.LIBXL,
                    "unsupported flags (0x" + Integer.toHexString(extra) + ") in function " + function);
        }
    }
}
