package org.virtxend.core.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.virtxend.core.domain.device.Devices;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.error.VirtException;

/**
 * An immutable libvirt {@code <domain type='xen'>} definition. Everything the Xen driver acts on
 * is typed; elements libvirt knows but the driver does not act on (cputune, metadata, memtune,
 * {@code xen:commandline}...) are kept in {@code otherElements} and formatted back unchanged.
 * Memory sizes are KiB. Obtain instances from {@link DomainXmlParser#parse} or {@link #minimal}.
 */
public record DomainDefinition(
        String name,
        UUID uuid,
        String title,
        String description,
        long maxMemoryKiB,
        long currentMemoryKiB,
        VcpuConfig vcpus,
        String bootloader,
        String bootloaderArgs,
        OsConfig os,
        Features features,
        XmlElement cpu,
        ClockConfig clock,
        LifecycleAction onPoweroff,
        LifecycleAction onReboot,
        LifecycleAction onCrash,
        Devices devices,
        List<XmlElement> otherElements) {

    public DomainDefinition {
        checkName(name);
        Objects.requireNonNull(uuid, "uuid");
        if (maxMemoryKiB <= 0) {
            throw DomainErrors.invalidValue(Long.toString(maxMemoryKiB), "memory");
        }
        if (currentMemoryKiB <= 0 || currentMemoryKiB > maxMemoryKiB) {
            throw DomainErrors.invalidValue(Long.toString(currentMemoryKiB), "currentMemory");
        }
        Objects.requireNonNull(vcpus, "vcpus");
        Objects.requireNonNull(os, "os");
        features = features == null ? Features.none() : features;
        clock = clock == null ? ClockConfig.utc() : clock;
        onPoweroff = onPoweroff == null ? LifecycleAction.DESTROY : onPoweroff;
        onReboot = onReboot == null ? LifecycleAction.RESTART : onReboot;
        onCrash = onCrash == null ? LifecycleAction.DESTROY : onCrash;
        checkNotCoredump(onPoweroff, "on_poweroff");
        checkNotCoredump(onReboot, "on_reboot");
        devices = devices == null ? Devices.none() : devices;
        otherElements = List.copyOf(otherElements);
    }

    /** A new definition with a random UUID, libvirt's default lifecycle actions and no devices. */
    public static DomainDefinition minimal(String name, OsType type, long memoryKiB, int vcpus) {
        return new DomainDefinition(name, UUID.randomUUID(), null, null, memoryKiB, memoryKiB,
                VcpuConfig.of(vcpus), null, null, OsConfig.of(type), Features.none(), null, ClockConfig.utc(),
                null, null, null, Devices.none(), List.of());
    }

    /** Validates a domain name as libvirt does: not empty, no '/' (it names files), no newline. */
    static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainErrors.missingElement("name");
        }
        if (name.indexOf('/') >= 0) {
            throw DomainErrors.xml("name '" + DomainErrors.shorten(name) + "' in <name> cannot contain '/'");
        }
        if (name.indexOf('\n') >= 0) {
            throw DomainErrors.xml("name '" + DomainErrors.shorten(name) + "' in <name> cannot contain a newline");
        }
    }

    private static void checkNotCoredump(LifecycleAction action, String element) {
        if (action.isCoredump()) {
            throw DomainErrors.unsupported("lifecycle event <" + element + "> does not support the '"
                    + action.xmlName() + "' action");
        }
    }

    public OsType osType() {
        return os.type();
    }

    public int maxVcpus() {
        return vcpus.max();
    }

    public int currentVcpus() {
        return vcpus.current();
    }

    // ---- withers the driver uses ----

    /** Sets the balloon target (virsh setmem); it cannot exceed the maximum. */
    public DomainDefinition withMemoryKiB(long current) {
        if (current <= 0) {
            throw VirtException.invalidArg("memory size must be greater than zero, got " + current + " KiB");
        }
        if (current > maxMemoryKiB) {
            throw VirtException.invalidArg("cannot set memory higher than max memory");
        }
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, current, vcpus, bootloader,
                bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, devices, otherElements);
    }

    /** Sets the maximum (virsh setmaxmem); a larger current size is lowered to it, as libvirt does. */
    public DomainDefinition withMaxMemoryKiB(long max) {
        if (max <= 0) {
            throw VirtException.invalidArg("memory size must be greater than zero, got " + max + " KiB");
        }
        return new DomainDefinition(name, uuid, title, description, max, Math.min(currentMemoryKiB, max), vcpus,
                bootloader, bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, devices,
                otherElements);
    }

    /** Sets the number of online vCPUs (virsh setvcpus); it cannot exceed the maximum. */
    public DomainDefinition withVcpus(int current) {
        if (current < 1) {
            throw VirtException.invalidArg("vcpu count must be at least 1, got " + current);
        }
        if (current > vcpus.max()) {
            throw VirtException.invalidArg("requested vcpus is greater than max allowable vcpus for the domain: "
                    + current + " > " + vcpus.max());
        }
        return withVcpuConfig(new VcpuConfig(vcpus.max(), current, vcpus.placement(), vcpus.cpuset()));
    }

    /** Sets the maximum vCPUs (setvcpus --maximum); fewer online vCPUs follow it down. */
    public DomainDefinition withMaxVcpus(int max) {
        if (max < 1) {
            throw VirtException.invalidArg("vcpu count must be at least 1, got " + max);
        }
        return withVcpuConfig(new VcpuConfig(max, Math.min(vcpus.current(), max), vcpus.placement(),
                vcpus.cpuset()));
    }

    public DomainDefinition withName(String newName) {
        try {
            checkName(newName);
        } catch (VirtException e) {
            throw VirtException.invalidArg(e.detail());
        }
        return new DomainDefinition(newName, uuid, title, description, maxMemoryKiB, currentMemoryKiB, vcpus,
                bootloader, bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, devices,
                otherElements);
    }

    public DomainDefinition withUuid(UUID newUuid) {
        return new DomainDefinition(name, Objects.requireNonNull(newUuid, "uuid"), title, description, maxMemoryKiB,
                currentMemoryKiB, vcpus, bootloader, bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot,
                onCrash, devices, otherElements);
    }

    public DomainDefinition withTitle(String newTitle, String newDescription) {
        return new DomainDefinition(name, uuid, newTitle, newDescription, maxMemoryKiB, currentMemoryKiB, vcpus,
                bootloader, bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, devices,
                otherElements);
    }

    public DomainDefinition withDevices(Devices newDevices) {
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, currentMemoryKiB, vcpus,
                bootloader, bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, newDevices,
                otherElements);
    }

    /** The live definition of the guest with id {@code domid}: interfaces named by their vif backend. */
    public DomainDefinition withVifNames(int domid) {
        return withDevices(devices.withVifNames(domid));
    }

    /** Without the generated vif names (the persistent view, or the guest stopped). */
    public DomainDefinition withoutVifNames() {
        Devices stripped = devices.withoutVifNames();
        return stripped == devices ? this : withDevices(stripped);
    }

    public DomainDefinition withOs(OsConfig newOs) {
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, currentMemoryKiB, vcpus,
                bootloader, bootloaderArgs, newOs, features, cpu, clock, onPoweroff, onReboot, onCrash, devices,
                otherElements);
    }

    public DomainDefinition withFeatures(Features newFeatures) {
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, currentMemoryKiB, vcpus,
                bootloader, bootloaderArgs, os, newFeatures, cpu, clock, onPoweroff, onReboot, onCrash, devices,
                otherElements);
    }

    public DomainDefinition withBootloader(String newBootloader, String newArgs) {
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, currentMemoryKiB, vcpus,
                newBootloader, newArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, devices,
                otherElements);
    }

    public DomainDefinition withLifecycle(LifecycleAction poweroff, LifecycleAction reboot, LifecycleAction crash) {
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, currentMemoryKiB, vcpus,
                bootloader, bootloaderArgs, os, features, cpu, clock, poweroff, reboot, crash, devices,
                otherElements);
    }

    private DomainDefinition withVcpuConfig(VcpuConfig v) {
        return new DomainDefinition(name, uuid, title, description, maxMemoryKiB, currentMemoryKiB, v, bootloader,
                bootloaderArgs, os, features, cpu, clock, onPoweroff, onReboot, onCrash, devices, otherElements);
    }
}
