package org.virtxend.core.admin;

/** ADMIN procedure numbers (admin_protocol.x, libvirt 9.0), for the tests. */
final class AdminProcs {
    private AdminProcs() {
    }

    static final int CONNECT_OPEN = 1;
    static final int CONNECT_CLOSE = 2;
    static final int CONNECT_GET_LIB_VERSION = 3;
    static final int CONNECT_LIST_SERVERS = 4;
    static final int CONNECT_LOOKUP_SERVER = 5;
    static final int SERVER_GET_THREADPOOL_PARAMETERS = 6;
    static final int SERVER_SET_THREADPOOL_PARAMETERS = 7;
    static final int SERVER_LIST_CLIENTS = 8;
    static final int SERVER_LOOKUP_CLIENT = 9;
    static final int CLIENT_GET_INFO = 10;
    static final int CLIENT_CLOSE = 11;
    static final int SERVER_GET_CLIENT_LIMITS = 12;
    static final int SERVER_SET_CLIENT_LIMITS = 13;
    static final int CONNECT_GET_LOGGING_OUTPUTS = 14;
    static final int CONNECT_GET_LOGGING_FILTERS = 15;
    static final int CONNECT_SET_LOGGING_OUTPUTS = 16;
    static final int CONNECT_SET_LOGGING_FILTERS = 17;
    static final int SERVER_UPDATE_TLS_FILES = 18;
    static final int CONNECT_SET_DAEMON_TIMEOUT = 19;
}
