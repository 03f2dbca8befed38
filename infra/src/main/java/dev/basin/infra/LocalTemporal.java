package dev.basin.infra;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory test server (a real gRPC Temporal service) on 127.0.0.1, in real time.
 *
 * <p>{@code io.temporal.testserver.TestServer} binds every interface, so this builds the gRPC
 * server around the same service starter but on the loopback address. The server keeps nothing
 * once it stops: study state that must outlive it lives in PostgreSQL and S3. Every call must carry
 * the stack's token ({@link TemporalToken}).
 */
public final class LocalTemporal implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;
    private boolean closed;

    private LocalTemporal(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    /** Starts on a free loopback port, answering only calls that carry {@code token}. */
    public static LocalTemporal start(String token) {
        // true locks time skipping: timers and timeouts run on the wall clock, as on a real cluster.
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        builder.intercept(TemporalToken.check(token));
        try {
            return new LocalTemporal(services, builder.build().start());
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start the local Temporal server", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:port}, for {@code WorkflowServiceStubsOptions.setTarget}. */
    public String target() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            services.close();
        }
    }
}
