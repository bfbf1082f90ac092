package org.virtxend.dist.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * GET /metrics on the address {@code metrics_listen} names, over Netty's HTTP codec on its
 * own event loop (never the RPC sockets' loops). The Prometheus text format by default,
 * OpenMetrics when the scraper's Accept header asks for it. Gathering runs on one scrape
 * thread: a slow or piled-up scrape waits there (a few may queue, more get 503), and RPC
 * work never waits for a scrape.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MetricsEndpoint.class.getName());
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final EventLoopGroup loop;
    private final Channel listener;
    private final ThreadPoolExecutor scraper;

    private MetricsEndpoint(EventLoopGroup loop, Channel listener, ThreadPoolExecutor scraper) {
        this.loop = loop;
        this.listener = listener;
        this.scraper = scraper;
    }

    /** @param listen "host:port"; port 0 picks a free one (the log says which) */
    public static MetricsEndpoint start(String listen, DaemonMetrics metrics) throws IOException {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("metrics_listen must be host:port, not '" + listen + "'");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(listen.substring(colon + 1));
        var scraper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8), r -> {
            Thread t = new Thread(r, "metrics-scrape");
            t.setDaemon(true);
            return t;
        });
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024),
                                    new Handler(metrics, scraper));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            var at = (InetSocketAddress) ch.localAddress();
            LOG.log(System.Logger.Level.INFO, "metrics on http://{0}:{1,number,#}/metrics", at.getHostString(), at.getPort());
            return new MetricsEndpoint(loop, ch, scraper);
        } catch (RuntimeException e) {
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            scraper.shutdownNow();
            throw new IOException(e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        scraper.shutdownNow();
    }

    /** OpenMetrics when the scraper lists it (Prometheus does, first); else the classic text format. */
    static String negotiate(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final DaemonMetrics metrics;
        private final ThreadPoolExecutor scraper;

        Handler(DaemonMetrics metrics, ThreadPoolExecutor scraper) {
            this.metrics = metrics;
            this.scraper = scraper;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!new QueryStringDecoder(req.uri()).path().equals("/metrics")) {
                reply(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, TEXT, "not found; metrics are at /metrics\n");
                return;
            }
            if (!req.method().equals(HttpMethod.GET)) {
                reply(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "GET only\n");
                return;
            }
            String type = negotiate(req.headers().get(HttpHeaderNames.ACCEPT));
            try {
                scraper.execute(() -> {
                    byte[] body;
                    HttpResponseStatus status = HttpResponseStatus.OK;
                    try {
                        var out = new ByteArrayOutputStream(64 * 1024);
                        metrics.registry().scrape(out, type);
                        body = out.toByteArray();
                    } catch (IOException | RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "metrics scrape failed: " + e);
                        status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
                        body = ("scrape failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                    }
                    HttpResponseStatus s = status;
                    byte[] b = body;
                    ctx.executor().execute(() -> reply(ctx, keepAlive, s, s == HttpResponseStatus.OK ? type : TEXT, b));
                });
            } catch (RejectedExecutionException e) {
                reply(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "too many scrapes at once\n");
            }
        }

        private static void reply(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String type,
                                  String body) {
            reply(ctx, keepAlive, status, type, body.getBytes(StandardCharsets.UTF_8));
        }

        private static void reply(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String type,
                                  byte[] body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(r);
            } else {
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken scraper connection: nothing to answer
        }
    }
}
