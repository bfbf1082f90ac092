package org.virtxend.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.TypedField;
import org.virtxend.core.protocol.remote.ConnectGetAllDomainStatsRet;
import org.virtxend.core.protocol.remote.DomainStatsRecord;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.xdr.CapturedTraffic;

/**
 * Our statistics replies, built the way the handlers build them, against libvirtd's captured
 * replies for the same values: the typed-parameter types and the record layout must match byte
 * for byte (the test driver answered only the state group).
 */
class StatsGoldenFramesTest {
    private final Procedure allStats = RemoteProgram.schema().procedure("ConnectGetAllDomainStats");

    private byte[] capturedReply(String trace, int proc) {
        for (var t : CapturedTraffic.traces()) {
            if (!t.getFileName().toString().equals(trace)) {
                continue;
            }
            for (var f : CapturedTraffic.frames(t)) {
                if (f.dir().equals("S2C") && f.word(3) == proc && f.word(4) == 1) {
                    return Arrays.copyOfRange(f.bytes(), 28, f.bytes().length);
                }
            }
        }
        throw new AssertionError("no reply to " + proc + " in " + trace);
    }

    @Test
    void domstatsStateGroupEncodesAsLibvirtd() {
        byte[] golden = capturedReply("virsh_domstats_test.jsonl", 344);
        var dom = new DomainRef("test", UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        Message ours = ConnectGetAllDomainStatsRet.newBuilder().addRetStats(DomainStatsRecord.newBuilder()
                .setDom(WireMapping.wire(dom))
                .addAllParams(StatParams.wire(List.of(TypedField.integer("state.state", 1), TypedField.integer("state.reason", 0)))))
                .build();
        assertThat(HexFormat.of().formatHex(allStats.ret().encode(ours))).isEqualTo(HexFormat.of().formatHex(golden));
    }

    @Test
    void allDomainsReplyDecodesToTheDomainsVirshPrinted() {
        var r = (ConnectGetAllDomainStatsRet) allStats.ret().decode(capturedReply("virsh_domstats.jsonl", 344));
        assertThat(r.getRetStatsList()).extracting(s -> s.getDom().getName()).containsExactly("test", "vm1");
        assertThat(r.getRetStats(1).getParamsList()).extracting(p -> p.getField() + "=" + p.getValue().getIntValue())
                .containsExactly("state.state=5", "state.reason=2");
    }
}
