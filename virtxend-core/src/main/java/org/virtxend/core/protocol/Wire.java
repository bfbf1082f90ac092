package org.virtxend.core.protocol;

/** Numbers of the libvirt RPC envelope (virnetprotocol.x facts). */
public final class Wire {
    private Wire() {
    }

    public static final int CALL = 0;
    public static final int REPLY = 1;
    public static final int MESSAGE = 2;
    public static final int STREAM = 3;

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CONTINUE = 2;

    public static final int REMOTE_PROGRAM = 0x20008086;
    public static final int KEEPALIVE_PROGRAM = 0x6b656570;
    public static final int ADMIN_PROGRAM = 0x06900690;

    /** Length word plus header: the size of a frame with an empty payload. */
    public static final int HEADER_BYTES = 28;
    /** libvirt 9.x: largest serialised message (header + payload), the length word not counted. */
    public static final int MESSAGE_MAX = 32 * 1024 * 1024;
    /** Largest frame as its length word counts it (the word itself included). */
    public static final int FRAME_MAX = MESSAGE_MAX + 4;
}
