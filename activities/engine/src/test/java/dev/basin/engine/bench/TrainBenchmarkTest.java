package dev.basin.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.Datasets;
import dev.basin.engine.data.SyntheticIdx;
import org.junit.jupiter.api.Test;

class TrainBenchmarkTest {

    @Test
    void measuresEveryEpochOnATinySet() {
        TrainBenchmark.Result r = TrainBenchmark.run(TrainBenchmark.Options.defaults(2, 64, 2),
                new Datasets.TrainTest(SyntheticIdx.dataset(256, 1), SyntheticIdx.dataset(100, 2)));
        assertEquals(2, r.epochs().size());
        assertEquals(206_922, r.parameters());
        assertTrue(r.ceilingGflops() > 0);
        for (TrainBenchmark.Epoch e : r.epochs()) {
            assertTrue(e.trainImagesPerSecond() > 0 && e.inferenceImagesPerSecond() > 0, e.toString());
            assertTrue(e.trainFraction() > 0 && e.trainFraction() < 1, e.toString());
        }
        assertEquals(32, TrainBenchmark.defaultFlopsPerCycle(java.util.Set.of("avx2", "fma", "avx512f")));
        assertEquals(16, TrainBenchmark.defaultFlopsPerCycle(java.util.Set.of("avx2", "fma")));
    }
}
