package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.SimilarityConfig;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.TsneConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec's values cross Temporal in activity requests: they must survive its JSON payloads unchanged. */
class AnalysisConfigPayloadTest {

    private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();

    private static <T> T roundTrip(T value, Class<T> type) {
        return JSON.fromPayload(JSON.toPayload(value).orElseThrow(), type, type);
    }

    @Test
    void modelConfigKeepsItsWidth() {
        assertEquals(new ModelConfig("resnet20", 2.5), roundTrip(new ModelConfig("resnet20", 2.5), ModelConfig.class));
        assertEquals(new ModelConfig("small-cnn", 1.0), roundTrip(new ModelConfig("small-cnn"), ModelConfig.class));
    }

    @Test
    void modelConfigKeepsInitAndDepthAndOldJsonReadsAsHe() {
        ModelConfig deep = new ModelConfig("preresnet", 1.0, "pytorch", 20);
        assertEquals(deep, roundTrip(deep, ModelConfig.class));
        // a request serialised before init and depth existed
        io.temporal.api.common.v1.Payload old = JSON.toPayload(java.util.Map.of("name", "resnet20", "width", 2.0))
                .orElseThrow();
        assertEquals(new ModelConfig("resnet20", 2.0, "he", null),
                JSON.fromPayload(old, ModelConfig.class, ModelConfig.class));
    }

    @Test
    void analysesSurviveAPayload() {
        AnalysesConfig a = new AnalysesConfig(new TrajectoryConfig(0, 50), new SimilarityConfig(List.of("all")),
                new TsneConfig(30, -7), new SwaConfig(3, 2),
                new SubspaceConfig(1, 4, new SubspaceConfig.Random(List.of(5.0, 10.0), 0.5), null,
                        new SubspaceConfig.DiagGaussian(List.of(1.0)),
                        new SubspaceConfig.LowRankGaussian(2, List.of(1.0), 3, "unit"), new SubspaceConfig.McDropout()),
                new EnsemblesConfig(true, false, true, false),
                List.of(new PlaneConfig(List.of(WeightRef.checkpoint(0, 2), WeightRef.swa(1), WeightRef.origin()),
                        11, 0.2, 5000)),
                new InterpolationConfig(List.of(new WeightPair(WeightRef.finalOf(0), WeightRef.finalOf(1))), 21, 0.2,
                        5000),
                new ShiftConfig(List.of("blur"), List.of(1, 5)));
        assertEquals(a, roundTrip(a, AnalysesConfig.class));
        assertEquals(AnalysesConfig.NONE, roundTrip(AnalysesConfig.NONE, AnalysesConfig.class));
        assertEquals(Optional.of(WeightRef.origin()), Optional.of(roundTrip(WeightRef.origin(), WeightRef.class)));
    }

    /** A request from before {@code from}, {@code scale} and {@code mc-dropout} existed reads as it meant then. */
    @Test
    void anOldSubspaceRequestReadsAsBefore() {
        String old = "{\"around\":0,\"samples\":2,\"lowRankGaussian\":{\"rank\":2,\"scales\":[1.0]}}";
        SubspaceConfig s = JSON.fromPayload(io.temporal.api.common.v1.Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFromUtf8(old)).build(), SubspaceConfig.class,
                SubspaceConfig.class);
        assertEquals(0, s.lowRankGaussian().from(), "every kept checkpoint");
        assertEquals(dev.basin.engine.landscape.PcaSubspace.Scale.SINGULAR,
                dev.basin.engine.landscape.PcaSubspace.Scale.fromSpec(s.lowRankGaussian().scale()));
        assertEquals(null, s.mcDropout());
    }
}
