package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real virsh sees a running guest's vif backends by the names libxl gives them,
 * vif&lt;domid&gt;.&lt;devid&gt;, for interfaces whose XML names none: domiflist lists them,
 * domifstat and domstats read them, the persistent XML never has them, and a new domain id
 * renames them, and the running guest keeps them across a daemon restart.
 */
class VifNamesVirshIT extends SharedDaemonIT {
    private static final String GUEST = "vifguest";
    private static final Pattern ROW = Pattern.compile("^\\s*(\\S+)\\s+bridge\\s+xenbr0\\s+\\S+\\s+(\\S+)\\s*$");

    @BeforeAll
    void guest() throws Exception {
        virsh.ok("define", Tools.resource("domains/vif-guest.xml", root).toString());
    }

    private int domid() {
        return Integer.parseInt(virsh.ok("domid", GUEST).trim());
    }

    /** domiflist rows as "interface mac". */
    private List<String> domiflist() {
        return virsh.ok("domiflist", GUEST).lines().map(ROW::matcher).filter(Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(2)).toList();
    }

    @Test
    void runningGuestsShowGeneratedNamesThatFollowTheDomainId() {
        assertThat(domiflist()).as("shut off: no backend yet")
                .containsExactly("- 00:16:3e:7c:3e:01", "mytap0 00:16:3e:7c:3e:02");
        virsh.ok("start", GUEST);
        try {
            int id = domid();
            String vif = "vif" + id + ".0";
            assertThat(domiflist()).containsExactly(vif + " 00:16:3e:7c:3e:01", "mytap0 00:16:3e:7c:3e:02");
            assertThat(virsh.ok("domifstat", GUEST, vif))
                    .contains(vif + " rx_bytes ", vif + " rx_packets ", vif + " tx_bytes ", vif + " tx_packets ");
            assertThat(virsh.ok("domstats", "--interface", GUEST))
                    .contains("net.count=2", "net.0.name=" + vif, "net.1.name=mytap0");
            assertThat(virsh.ok("dumpxml", GUEST)).contains("<target dev='" + vif + "'/>", "<target dev='mytap0'/>");
            String inactive = virsh.ok("dumpxml", "--inactive", GUEST);
            assertThat(inactive).contains("<target dev='mytap0'/>").doesNotContain("vif" + id);

            virsh.ok("destroy", GUEST);
            assertThat(virsh.ok("dumpxml", GUEST)).doesNotContain("vif" + id);
            virsh.ok("start", GUEST);
            int next = domid();
            assertThat(next).isNotEqualTo(id);
            assertThat(domiflist()).containsExactly("vif" + next + ".0 00:16:3e:7c:3e:01", "mytap0 00:16:3e:7c:3e:02");
            assertThat(virsh.ok("domifstat", GUEST, "vif" + next + ".0")).contains("vif" + next + ".0 rx_bytes ");
            Cmd old = virsh.run("domifstat", GUEST, vif);
            assertThat(old.exit()).isNotZero();
            assertThat(old.err()).contains("'" + vif + "' is not a known interface");
        } finally {
            virsh.run("destroy", GUEST);
        }
    }

    @Test
    void theNamesSurviveADaemonRestart() throws Exception {
        virsh.ok("start", GUEST);
        try {
            String vif = "vif" + domid() + ".0";
            assertThat(daemon.stop()).as(daemon.log()).isZero();
            daemon.start();
            assertThat(domiflist()).containsExactly(vif + " 00:16:3e:7c:3e:01", "mytap0 00:16:3e:7c:3e:02");
            assertThat(virsh.ok("domifstat", GUEST, vif)).contains(vif + " rx_bytes ");
            assertThat(virsh.ok("dumpxml", "--inactive", GUEST)).doesNotContain("<target dev='vif");
        } finally {
            virsh.run("destroy", GUEST);
        }
    }
}
