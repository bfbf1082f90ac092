package org.virtxend.core.xdr;

import com.google.protobuf.Message;

/** How one protobuf field travels in XDR: precomputed once per message type. */
interface XdrField {
    void read(XdrReader in, Message.Builder into);

    void write(Message from, XdrWriter out);
}
