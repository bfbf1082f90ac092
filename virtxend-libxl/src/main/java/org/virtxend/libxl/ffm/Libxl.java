package org.virtxend.libxl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Downcall handles for the libxenlight 4.17 entry points virtxend uses, bound to
 * their exported (current API) signatures. The library is loaded by its exact
 * soname, so another Xen release fails to load instead of corrupting memory;
 * tests pass the path of a test double built from the real header.
 */
public final class Libxl {
    /** System property naming the library file (tests point it at the C double). */
    public static final String LIBRARY_PROPERTY = "virtxend.libxl.library";
    public static final String SONAME = "libxenlight.so.4.17";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor DOMID_AO = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);

    private final String name;
    private final SymbolLookup lookup;

    final MethodHandle ctxAlloc;
    final MethodHandle ctxFree;
    final MethodHandle childprocSetmode;
    final MethodHandle errorToString;
    public final MethodHandle oseventRegisterHooks;
    public final MethodHandle oseventOccurredFd;
    public final MethodHandle oseventOccurredTimeout;
    public final MethodHandle eventRegisterCallbacks;
    public final MethodHandle eventFree;
    final MethodHandle evenableDomainDeath;
    final MethodHandle evdisableDomainDeath;
    final MethodHandle getVersionInfo;
    final MethodHandle getPhysinfo;
    final MethodHandle physinfoInit;
    final MethodHandle physinfoDispose;
    final MethodHandle listDomain;
    final MethodHandle dominfoListFree;
    final MethodHandle domainInfo;
    final MethodHandle dominfoInit;
    final MethodHandle dominfoDispose;
    final MethodHandle domainConfigInit;
    final MethodHandle domainConfigDispose;
    final MethodHandle domainConfigFromJson;
    final MethodHandle domainCreateNew;
    final MethodHandle domainPause;
    final MethodHandle domainUnpause;
    final MethodHandle domainShutdown;
    final MethodHandle domainReboot;
    final MethodHandle domainDestroy;
    final MethodHandle setMemoryTarget;
    final MethodHandle setVcpuonline;
    final MethodHandle listVcpu;
    final MethodHandle vcpuinfoListFree;

    private Libxl(String name, SymbolLookup lookup) {
        this.name = name;
        this.lookup = lookup;
        ctxAlloc = bind("libxl_ctx_alloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        ctxFree = bind("libxl_ctx_free", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        childprocSetmode = bind("libxl_childproc_setmode", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        errorToString = bind("libxl_error_to_string", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        oseventRegisterHooks = bind("libxl_osevent_register_hooks", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        oseventOccurredFd = bind("libxl_osevent_occurred_fd",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_SHORT, JAVA_SHORT));
        oseventOccurredTimeout = bind("libxl_osevent_occurred_timeout", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        eventRegisterCallbacks = bind("libxl_event_register_callbacks", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        eventFree = bind("libxl_event_free", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        evenableDomainDeath = bind("libxl_evenable_domain_death",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        evdisableDomainDeath = bind("libxl_evdisable_domain_death", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        getVersionInfo = bind("libxl_get_version_info", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getPhysinfo = bind("libxl_get_physinfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        physinfoInit = bind("libxl_physinfo_init", FunctionDescriptor.ofVoid(ADDRESS));
        physinfoDispose = bind("libxl_physinfo_dispose", FunctionDescriptor.ofVoid(ADDRESS));
        listDomain = bind("libxl_list_domain", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        dominfoListFree = bind("libxl_dominfo_list_free", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        domainInfo = bind("libxl_domain_info", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        dominfoInit = bind("libxl_dominfo_init", FunctionDescriptor.ofVoid(ADDRESS));
        dominfoDispose = bind("libxl_dominfo_dispose", FunctionDescriptor.ofVoid(ADDRESS));
        domainConfigInit = bind("libxl_domain_config_init", FunctionDescriptor.ofVoid(ADDRESS));
        domainConfigDispose = bind("libxl_domain_config_dispose", FunctionDescriptor.ofVoid(ADDRESS));
        domainConfigFromJson = bind("libxl_domain_config_from_json",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        domainCreateNew = bind("libxl_domain_create_new",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        domainPause = bind("libxl_domain_pause", DOMID_AO);
        domainUnpause = bind("libxl_domain_unpause", DOMID_AO);
        domainShutdown = bind("libxl_domain_shutdown", DOMID_AO);
        domainReboot = bind("libxl_domain_reboot", DOMID_AO);
        domainDestroy = bind("libxl_domain_destroy", DOMID_AO);
        setMemoryTarget = bind("libxl_set_memory_target",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT));
        setVcpuonline = bind("libxl_set_vcpuonline", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        listVcpu = bind("libxl_list_vcpu", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        vcpuinfoListFree = bind("libxl_vcpuinfo_list_free", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    }

    /**
     * Loads the library named by {@value #LIBRARY_PROPERTY}, or the system's
     * {@value #SONAME}. Throws IllegalArgumentException when it cannot be loaded
     * or lacks an entry point.
     */
    public static Libxl load() {
        String file = System.getProperty(LIBRARY_PROPERTY);
        return file == null || file.isBlank() ? load(SONAME) : load(Path.of(file));
    }

    public static Libxl load(Path file) {
        return new Libxl(file.toString(), SymbolLookup.libraryLookup(file, Arena.global()));
    }

    public static Libxl load(String soname) {
        return new Libxl(soname, SymbolLookup.libraryLookup(soname, Arena.global()));
    }

    public String name() {
        return name;
    }

    /** A handle for a non-libxl symbol of the same library (the test double's controls). */
    public MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = lookup.find(symbol)
                .orElseThrow(() -> new IllegalArgumentException(name + " has no symbol " + symbol));
        return LINKER.downcallHandle(address, descriptor);
    }

    /** libxl's name for an error code (libxl_error_to_string), or null. */
    String errorName(int rc) {
        try {
            return NativeMemory.string((MemorySegment) errorToString.invokeExact(rc));
        } catch (Throwable t) {
            return null;
        }
    }
}
