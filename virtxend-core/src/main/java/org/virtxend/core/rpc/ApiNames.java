package org.virtxend.core.rpc;

/** libvirt's public API name for a procedure ("DomainDefineXml" → "virDomainDefineXML"), for error texts. */
public final class ApiNames {
    private ApiNames() {
    }

    public static String of(String procedure) {
        String s = procedure
                .replace("Xml", "XML").replace("Uuid", "UUID").replace("Os", "OS")
                .replaceAll("Id$", "ID").replace("ById", "ByID")
                .replace("Cpu", "CPU").replace("Pm", "PM");
        return "vir" + s;
    }
}
