package org.virtxend.dist.it;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A $NOTIFY_SOCKET as systemd offers one: a UNIX datagram socket that records what arrives, and when. */
final class NotifySocket implements AutoCloseable {
    record Message(long nanoTime, String text) {
    }

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Channel channel;
    private final Path path;

    NotifySocket(Path path) throws InterruptedException {
        this.path = path;
        this.channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                        messages.add(new Message(System.nanoTime(), p.content().toString(StandardCharsets.UTF_8)));
                    }
                })
                .bind(new DomainSocketAddress(path.toString())).sync().channel();
    }

    Path path() {
        return path;
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The first message containing {@code text}, waiting up to {@code timeout}; null if none came. */
    Message await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message m : messages) {
                if (m.text().contains(text)) {
                    return m;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
}
