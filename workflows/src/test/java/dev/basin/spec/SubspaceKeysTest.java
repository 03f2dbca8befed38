package dev.basin.spec;

import static dev.basin.spec.SpecTesting.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.basin.engine.analysis.SubspaceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The low-rank Gaussian's tail ({@code from}) and scale convention, and MC dropout's model rule. */
class SubspaceKeysTest {

    /** 5 members, 4 epochs, every epoch kept; {@code body} from line 4. */
    static String spec(String body) {
        return AnalysisParserBadTest.spec("trajectory: {}\\n" + body);
    }

    private static SubspaceConfig.LowRankGaussian lowRank(String body) {
        return SpecParser.parse(spec(body)).analyses().subspace().lowRankGaussian();
    }

    @Test
    void fromDefaultsToSwaStartAndWithoutSwaToEveryCheckpoint() {
        assertEquals(new SubspaceConfig.LowRankGaussian(1, List.of(1.0), 3, "singular"),
                lowRank("swa: {start: 3, rank: 1}\\nsubspace: {low-rank-gaussian: {rank: 1}}"));
        assertEquals(new SubspaceConfig.LowRankGaussian(3, List.of(1.0), 0, "singular"),
                lowRank("subspace: {low-rank-gaussian: {rank: 3}}"));
        // an explicit from wins over swa.start; 0 asks for the whole trajectory
        assertEquals(new SubspaceConfig.LowRankGaussian(3, List.of(1.0), 0, "unit"),
                lowRank("swa: {start: 3, rank: 1}\\nsubspace: {low-rank-gaussian: {rank: 3, from: 0, scale: unit}}"));
    }

    @Test
    void mcDropoutOnAModelWithDropout() {
        SubspaceConfig s = SpecParser.parse(AnalysisParserBadTest.spec(
                "model: {name: medium-cnn}\\nsubspace: {samples: 3, mc-dropout: {}}")).analyses().subspace();
        assertNotNull(s.mcDropout());
        assertEquals(3, s.samples());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "swa: {start: 3, rank: 1}\\nsubspace: {low-rank-gaussian: {rank: 2}} | subspace.low-rank-gaussian.rank: 2"
                + " components need at least 3 kept checkpoints per member from the end of epoch 3 on (from, as"
                + " swa.start); the trajectory keeps 2 (epochs 3, 4); lower rank, set an earlier from or keep more"
                + " checkpoints (line 6)",
        "subspace: {low-rank-gaussian: {rank: 1, from: 4}} | subspace.low-rank-gaussian.rank: 1 components need at"
                + " least 2 kept checkpoints per member from the end of epoch 4 on (from); the trajectory keeps 1"
                + " (epochs 4); lower rank, set an earlier from or keep more checkpoints (line 5)",
        "subspace: {low-rank-gaussian: {rank: 1, from: 5}} | subspace.low-rank-gaussian.from: must be an epoch"
                + " between 0 and train.epochs (4), got 5 (line 5)",
        "subspace: {low-rank-gaussian: {rank: 1, scale: sigma}} | subspace.low-rank-gaussian.scale: must be one of singular, unit; got \"sigma\" (line 5)",
        "subspace: {mc-dropout: {}} | subspace.mc-dropout: MC dropout samples the model's own dropout layers;"
                + " small-cnn has none. Models with dropout: medium-cnn, fort-small-cnn, fort-medium-cnn, vgg16,"
                + " vgg16-bn (or use the dropout sampler, which drops"
                + " weights) (line 5)",
    })
    void refused(String body, String message) {
        assertEquals(message, one(spec(body)));
    }
}
