package org.virtxend.core.error;

/** libvirt's virErrorNumber values that virtxend raises, with the message prefix libvirt prints. */
public enum ErrorCode {
    INTERNAL_ERROR(1, "internal error"),
    NO_SUPPORT(3, "this function is not supported by the connection driver"),
    NO_CONNECT(5, "no connection driver available"),
    INVALID_ARG(8, "invalid argument"),
    OPERATION_FAILED(9, "operation failed"),
    OS_TYPE(16, "unknown OS type"),
    XML_ERROR(27, "XML error"),
    DOM_EXIST(28, "this domain exists already"),
    OPERATION_DENIED(29, "operation forbidden"),
    CONF_SYNTAX(33, "configuration file syntax error"),
    SYSTEM_ERROR(38, "system call error"),
    RPC(39, "RPC error"),
    NO_DOMAIN(42, "Domain not found"),
    NO_SECURITY_MODEL(54, "Security model not found"),
    OPERATION_INVALID(55, "Requested operation is not valid"),
    CONFIG_UNSUPPORTED(67, "unsupported configuration"),
    OPERATION_TIMEOUT(68, "Timed out during operation"),
    ARGUMENT_UNSUPPORTED(74, "argument unsupported"),
    OPERATION_UNSUPPORTED(84, "Operation not supported"),
    RESOURCE_BUSY(87, "resource busy"),
    XML_INVALID_SCHEMA(92, "XML document failed to validate against schema"),
    NO_SERVER(95, "Server not found"),
    NO_CLIENT(96, "Client not found");

    private final int number;
    private final String prefix;

    ErrorCode(int number, String prefix) {
        this.number = number;
        this.prefix = prefix;
    }

    public int number() {
        return number;
    }

    /** The text libvirt puts before ": detail". */
    public String prefix() {
        return prefix;
    }
}
