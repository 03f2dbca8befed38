package dev.basin.infra;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token that guards the embedded Temporal server: every gRPC call must carry metadata
 * {@code authorization: Bearer <token>}, the token being the data folder's
 * {@link Credentials#temporalToken()} (in the 0600 credentials file), so only a user who can read that
 * file can read, cancel or complete the studies of the stack.
 *
 * <p>Health checks need the token too: Basin itself never probes without it (a stale endpoints file is
 * recognised by a plain TCP connect), and one rule with no exemption leaves nothing on the port that an
 * unauthenticated caller can reach.
 */
public final class TemporalToken {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private TemporalToken() {}

    /**
     * Stub options for {@code target} that send {@code token} with every call; with a null token (an
     * external Temporal that needs none), plain options. TLS stays as the caller sets it: the SDK would
     * otherwise turn it on for a token given through {@code addApiKey}.
     */
    public static WorkflowServiceStubsOptions.Builder stubsOptions(String target, String token) {
        WorkflowServiceStubsOptions.Builder b = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
        if (token != null) {
            b.addGrpcMetadataProvider(() -> {
                Metadata m = new Metadata();
                m.put(AUTHORIZATION, BEARER + token);
                return m;
            });
        }
        return b;
    }

    /** Refuses, with UNAUTHENTICATED and before any service code runs, every call without the token. */
    static ServerInterceptor check(String token) {
        byte[] expected = (BEARER + token).getBytes(StandardCharsets.US_ASCII);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                String given = headers.get(AUTHORIZATION);
                // MessageDigest.isEqual takes the same time whatever the position of the first difference.
                if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
                    call.close(Status.UNAUTHENTICATED.withDescription(
                            "missing or wrong bearer token: this Basin stack answers only calls that carry the"
                            + " temporal.token of its data folder's credentials.properties"), new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
    }
}
