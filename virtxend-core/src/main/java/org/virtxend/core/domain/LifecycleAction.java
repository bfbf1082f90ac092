package org.virtxend.core.domain;

/** What Xen does when a guest powers off, reboots or crashes ({@code <on_*>} elements). */
public enum LifecycleAction {
    DESTROY("destroy"),
    RESTART("restart"),
    RENAME_RESTART("rename-restart"),
    PRESERVE("preserve"),
    COREDUMP_DESTROY("coredump-destroy"),
    COREDUMP_RESTART("coredump-restart");

    private final String xmlName;

    LifecycleAction(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    /** Coredump actions only make sense for {@code <on_crash>}. */
    public boolean isCoredump() {
        return this == COREDUMP_DESTROY || this == COREDUMP_RESTART;
    }

    /** The action with that XML name, or null. */
    public static LifecycleAction fromXml(String text) {
        for (LifecycleAction a : values()) {
            if (a.xmlName.equals(text)) {
                return a;
            }
        }
        return null;
    }
}
