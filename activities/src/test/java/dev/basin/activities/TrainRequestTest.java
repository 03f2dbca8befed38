package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Train requests cross Temporal as JSON, also from workflow histories written by older versions. */
class TrainRequestTest {

    private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();

    @Test
    void aModelWidthSurvivesTheDataConverter() {
        TrainRequest r = new TrainRequest("s", "rk",
                new StageTask("train/member-002", "k", new Subject.Member(2), java.util.List.of("k"),
                        java.util.Map.of()), 7, new DataConfig("mnist", null, 0, 0),
                new ModelConfig("resnet20", 2.0), new TrainConfig(1, 1, 8, new OptimizerConfig("sgd", 0.1, 0, 0),
                        "constant", 1, 0));
        Payload p = JSON.toPayload(r).orElseThrow();
        assertEquals(r, JSON.fromPayload(p, TrainRequest.class, TrainRequest.class));
        assertEquals(2, JSON.fromPayload(p, TrainRequest.class, TrainRequest.class).member());
    }

    @Test
    void everySubjectSurvivesTheDataConverterWithItsType() {
        for (Subject s : java.util.List.of(new Subject.Study(), new Subject.Member(3), new Subject.Method(dev.basin.engine.analysis.SamplingMethod.DROPOUT, true),
                new Subject.Plane(1), new Subject.PlaneRow(1, 4), new Subject.Pair(0, "final:0-final:1"),
                new Subject.Corruption("blur"))) {
            StageTask task = new StageTask("x", "k", s, java.util.List.of("k", "l"), java.util.Map.of("p", "q"));
            Payload p = JSON.toPayload(task).orElseThrow();
            assertEquals(task, JSON.fromPayload(p, StageTask.class, StageTask.class));
        }
    }

    @Test
    void aTrainConfigWithoutScheduleParamsReadsAsNone() {
        Payload old = Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFrom("{\"members\":2,\"epochs\":3,\"batchSize\":8,"
                        + "\"optimizer\":{\"name\":\"adam\",\"lr\":0.001,\"momentum\":0,\"weightDecay\":0},"
                        + "\"schedule\":\"cosine\",\"checkpointEvery\":1,\"checkpointEverySteps\":0}",
                        StandardCharsets.UTF_8))
                .build();
        TrainConfig t = JSON.fromPayload(old, TrainConfig.class, TrainConfig.class);
        assertEquals(new TrainConfig(2, 3, 8, new OptimizerConfig("adam", 0.001, 0, 0), "cosine", 1, 0), t);
        assertEquals(dev.basin.engine.ScheduleConfig.NONE, t.scheduleParams());
        TrainConfig swa = t.withScheduleParams(new dev.basin.engine.ScheduleConfig(0.01, 4, 0, 0, 0));
        assertEquals(swa, JSON.fromPayload(JSON.toPayload(swa).orElseThrow(), TrainConfig.class, TrainConfig.class));
    }

    @Test
    void aModelWithoutWidthReadsAsWidthOne() {
        Payload old = Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFrom("{\"name\":\"small-cnn\"}", StandardCharsets.UTF_8))
                .build();
        assertEquals(new ModelConfig("small-cnn"), JSON.fromPayload(old, ModelConfig.class, ModelConfig.class));
        assertEquals(1.0, new ModelConfig("small-cnn", null).width());
    }

    /** A data block serialised before {@code data.augment} existed reads as no augmentation; one with it keeps it. */
    @Test
    void dataWithoutAugmentReadsAsNoAugmentation() {
        Payload old = Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFrom(
                        "{\"dataset\":\"mnist\",\"path\":null,\"trainSubset\":5,\"testSubset\":0}", StandardCharsets.UTF_8))
                .build();
        assertEquals(new DataConfig("mnist", null, 5, 0, false), JSON.fromPayload(old, DataConfig.class, DataConfig.class));
        DataConfig on = new DataConfig("cifar10", "s3://b/p", 0, 0, true);
        assertEquals(on, JSON.fromPayload(JSON.toPayload(on).orElseThrow(), DataConfig.class, DataConfig.class));
    }
}
