package org.virtxend.dist.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs as the daemon opens them: levels, filters, the header, files, journald's datagrams. */
class LogOutputsTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        DaemonLog.early(System.err);
    }

    private LogPlaces places() {
        return new LogPlaces(p -> dir.resolve(p.substring(1)), dir.resolve("dev/log"), dir.resolve("journal"));
    }

    @Test
    void eachOutputGetsWhatReachesItsLevelAfterTheFiltersAndStartsWithTheHeader() throws Exception {
        var err = new ByteArrayOutputStream();
        DaemonLog.setHeader(List.of("libvirt version: 9.0.0", "hostname: h"));
        DaemonLog.apply(new LogConfig(LogPriority.WARNING, LogFilter.parseAll("1:chatty"),
                LogOutputSpec.parseAll("1:stderr 4:file:/var/log/errors.log")), places(), new PrintStream(err, true));
        Logger quiet = Logger.getLogger("org.example.quiet");
        Logger chatty = Logger.getLogger("org.example.chatty.Thing");
        quiet.info("not logged");
        chatty.fine("debug from a filtered source");
        quiet.warning("a warning");
        quiet.severe("an error");
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(5);
        assertThat(text.lines().toList().get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: \\d+: "
                + "info : libvirt version: 9.0.0");
        assertThat(text).contains(": debug : Thing : debug from a filtered source").contains(": warning : quiet : a warning")
                .contains(": error : quiet : an error").doesNotContain("not logged");
        Path file = dir.resolve("var/log/errors.log");
        assertThat(Files.readString(file)).contains("libvirt version").contains("an error").doesNotContain("a warning");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void journaldGetsNativeDatagrams() throws Exception {
        byte[] plain = JournaldOutput.datagram(new LogLine(Instant.EPOCH, 7, LogPriority.WARNING, "a.b.C", "hello"));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(
                "MESSAGE=hello\nPRIORITY=4\nSYSLOG_IDENTIFIER=virtxend\nLIBVIRT_SOURCE=a.b.C\nCODE_FUNC=C\nTID=7\n");
        byte[] multi = JournaldOutput.datagram(new LogLine(Instant.EPOCH, 7, LogPriority.ERROR, "x", "a\nb"));
        assertThat(multi).startsWith("MESSAGE\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(multi[8]).isEqualTo((byte) 3); // little-endian length of "a\nb"
        assertThat(new String(multi, 16, 4, StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    }

    @Test
    void syslogAndJournaldWriteToTheirSocketsUnderTheRoot() throws Exception {
        var received = new java.util.concurrent.LinkedBlockingQueue<String>();
        Path devLog = Files.createDirectories(dir.resolve("dev")).resolve("log");
        try (var sys = new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.epoll.EpollIoHandler.newFactory())) {
            var ch = new io.netty.bootstrap.Bootstrap().group(sys).channel(io.netty.channel.epoll.EpollDomainDatagramChannel.class)
                    .handler(new io.netty.channel.SimpleChannelInboundHandler<io.netty.channel.unix.DomainDatagramPacket>() {
                        @Override
                        protected void channelRead0(io.netty.channel.ChannelHandlerContext ctx,
                                                    io.netty.channel.unix.DomainDatagramPacket p) {
                            received.add(p.content().toString(StandardCharsets.UTF_8));
                        }
                    }).bind(new io.netty.channel.unix.DomainSocketAddress(devLog.toString())).sync().channel();
            DaemonLog.setHeader(List.of("libvirt version: 9.0.0"));
            DaemonLog.apply(new LogConfig(LogPriority.INFO, List.of(), LogOutputSpec.parseAll("2:syslog:vxtest")), places(),
                    System.err);
            Logger.getLogger("org.example.Sys").info("to syslog");
            String first = received.poll(5, java.util.concurrent.TimeUnit.SECONDS); // the header line
            String second = received.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first).matches("<30>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d vxtest\\[\\d+\\]: \\d+: info : .*");
            assertThat(second).contains("vxtest[").endsWith(": info : Sys : to syslog");
            ch.close().sync();
        }
    }

    @Test
    void aMissingSyslogIsNoError() throws Exception {
        DaemonLog.apply(new LogConfig(LogPriority.INFO, List.of(), LogOutputSpec.parseAll("2:syslog:x 2:journald")),
                places(), System.err);
        Logger.getLogger("org.example.Nobody").log(Level.WARNING, "lost, quietly");
        assertThat(Files.exists(dir.resolve("journal"))).isFalse();
    }
}
