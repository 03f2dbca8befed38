package dev.basin.spec;

import static dev.basin.spec.SpecTesting.one;
import static dev.basin.spec.SpecTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Analysis keys the parser refuses, each with its exact message and line. {@link #spec} puts the lines under test
 * on line 4 and on, after a study with 5 members and 4 epochs.
 */
class AnalysisParserBadTest {

    /** study on line 1, train (5 members, 4 epochs) on line 2, data on line 3, {@code body} from line 4. */
    static String spec(String body) {
        return "study: a\ntrain: {members: 5, epochs: 4}\ndata: {trainSubset: 6000}\n" + body.replace("\\n", "\n")
                + "\n";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // bounds
        "model: {name: small-cnn, width: 0.2} | model.width: must be between 0.25 and 16, got 0.2 (line 4)",
        "model: {name: small-cnn, width: 17} | model.width: must be between 0.25 and 16, got 17 (line 4)",
        "trajectory: {every: 0} | trajectory.every: must be between 1 and train.epochs (4), got 0 (line 4)",
        "trajectory: {every: 5} | trajectory.every: must be between 1 and train.epochs (4), got 5 (line 4)",
        "trajectory: {everySteps: -3} | trajectory.everySteps: must be between 1 and 100000000, got -3 (line 4)",
        "trajectory: {}\\ntsne: {perplexity: 1} | tsne.perplexity: must be between 2 and 100, got 1 (line 5)",
        "trajectory: {}\\ntsne: {perplexity: 100.5} | tsne.perplexity: must be between 2 and 100, got 100.5 (line 5)",
        "swa: {start: 0} | swa.start: must be an epoch, 1 or later, got 0 (line 4)",
        "swa: {start: 9} | swa.start: 9 is after the last epoch (train.epochs = 4) (line 4)",
        "swa: {rank: 65} | swa.rank: must be between 0 and 64 (SWAG deviation vectors; 0 = diagonal only), got 65 (line 4)",
        "swa: {start: 3, rank: 3} | swa.rank: 3 deviation vectors need 3 averaged epochs; epochs 3 to 4 give 2"
                + " (lower swa.rank or an earlier swa.start) (line 4)",
        "subspace: {around: 7, random: {}} | subspace.around: member 7 does not exist; train.members is 5 (line 4)",
        "subspace: {around: -1, random: {}} | subspace.around: must be a member index, 0 or more, got -1 (line 4)",
        "subspace: {samples: 0, random: {}} | subspace.samples: must be between 1 and 100, got 0 (line 4)",
        "subspace: {samples: 101, random: {}} | subspace.samples: must be between 1 and 100, got 101 (line 4)",
        "subspace: {random: {radii: [5, 0]}} | subspace.random.radii[1]: must be > 0 and <= 1000, got 0 (line 4)",
        "subspace: {random: {radii: [5, 5]}} | subspace.random.radii[1]: 5 is given twice (also as"
                + " subspace.random.radii[0]); each may appear once (line 4)",
        "subspace: {random: {radii: []}} | subspace.random.radii: must list at least one value (line 4)",
        "subspace: {random: {accuracyFloor: 1}} | subspace.random.accuracyFloor: must be >= 0 and < 1, got 1 (line 4)",
        "subspace: {dropout: {rates: [0.1, 1.0]}} | subspace.dropout.rates[1]: must be > 0 and < 1, got 1 (line 4)",
        "swa: {}\\nsubspace: {diag-gaussian: {scales: [-1]}} | subspace.diag-gaussian.scales[0]: must be > 0 and <= 100,"
                + " got -1 (line 5)",
        "trajectory: {}\\nsubspace: {low-rank-gaussian: {rank: 0}} | subspace.low-rank-gaussian.rank: must be"
                + " between 1 and 64, got 0 (line 5)",
        "trajectory: {}\\nsubspace: {low-rank-gaussian: {rank: 4}} | subspace.low-rank-gaussian.rank: 4 components"
                + " need at least 5 kept checkpoints per member; the trajectory keeps 4 (epochs 1, 2, 3, 4); lower rank or keep"
                + " more checkpoints (line 5)",
        "trajectory: {every: 2}\\nsubspace: {low-rank-gaussian: {rank: 2}} | subspace.low-rank-gaussian.rank: 2"
                + " components need at least 3 kept checkpoints per member; the trajectory keeps 2 (epochs 2, 4); lower rank"
                + " or keep more checkpoints (line 5)",
        "plane: [{anchors: [final:0, final:1, final:2], grid: -1}] | plane[0].grid: must be between 3 and 101,"
                + " got -1 (line 4)",
        "plane: [{anchors: [final:0, final:1, final:2], grid: 102}] | plane[0].grid: must be between 3 and 101,"
                + " got 102 (line 4)",
        "plane: [{anchors: [final:0, final:1, final:2], margin: 2.5}] | plane[0].margin: must be between 0 and 2,"
                + " got 2.5 (line 4)",
        "plane: [{anchors: [final:0, final:1, final:2], trainSubset: 99}] | plane[0].trainSubset: must be between"
                + " 100 and 60000, got 99 (line 4)",
        "plane: [{anchors: [final:0, final:1, final:2], trainSubset: 6001}] | plane[0].trainSubset: 6001 is more"
                + " than the training set (data.trainSubset = 6000) (line 4)",
        "plane: [] | plane: must list at least one plane (line 4)",
        "interpolation: {pairs: [[final:0, final:1]], points: 2} | interpolation.points: must be between 3 and 201,"
                + " got 2 (line 4)",
        "interpolation: {pairs: [[final:0, final:1]], margin: -0.1} | interpolation.margin: must be between 0 and 2,"
                + " got -0.1 (line 4)",
        "shift: {severities: [1, 6]} | shift.severities[1]: must be between 1 and 5, got 6 (line 4)",
        "shift: {severities: [2, 2]} | shift.severities[1]: 2 is given twice (also as shift.severities[0]); each may"
                + " appear once (line 4)",
        "shift: {corruptions: []} | shift.corruptions: must list at least one corruption (line 4)",
        // names
        "shift: {corruptions: [blur, fog]} | shift.corruptions[1]: must be one of gaussian-noise, blur, rotation,"
                + " contrast, pixelate; got \"fog\" (line 4)",
        "shift: {corruptions: [gaussian_noise]} | shift.corruptions[0]: must be one of gaussian-noise, blur, rotation,"
                + " contrast, pixelate; got \"gaussian_noise\"; did you mean 'gaussian-noise'? (line 4)",
        "trajectory: {}\\nsimilarity: {scopes: [pairs]} | similarity.scopes[0]: must be one of trajectory, members,"
                + " all; got \"pairs\" (line 5)",
        "model: {name: resnet-20} | model: must be one of small-cnn, medium-cnn, resnet20,"
                + " fort-small-cnn, fort-medium-cnn, vgg16, vgg16-bn, preresnet; got \"resnet-20\"; did you"
                + " mean 'resnet20'? (line 4)",
        // weight references
        "plane: [{anchors: [final:0, final:1, finl:2]}] | plane[0].anchors[2]: must be a weight reference: final:M,"
                + " swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin (M a member index, E an epoch, C an index into"
                + " curves), got \"finl:2\"; did you mean"
                + " 'final:2'? (line 4)",
        "plane: [{anchors: [final:0, final:1, final:02]}] | plane[0].anchors[2]: must be a weight reference: final:M,"
                + " swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin (M a member index, E an epoch, C an index into"
                + " curves), got \"final:02\" (line 4)",
        "plane: [{anchors: [final:0, final:1, checkpoint:1]}] | plane[0].anchors[2]: must be a weight reference:"
                + " final:M, swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin (M a member index, E an epoch, C an index"
                + " into curves), got \"checkpoint:1\"; a"
                + " checkpoint names its member and epoch: checkpoint:M@E (line 4)",
        "plane: [{anchors: [final:0, final:1, swa]}] | plane[0].anchors[2]: must be a weight reference: final:M,"
                + " swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin (M a member index, E an epoch, C an index into"
                + " curves), got \"swa\"; name the member:"
                + " swa:M (line 4)",
        "plane: [{anchors: [final:0, final:1, 3]}] | plane[0].anchors[2]: must be a weight reference: final:M, swa:M,"
                + " checkpoint:M@E, bend:C, spawn:K@E or origin (M a member index, E an epoch, C an index into curves), got"
                + " \"3\" (line 4)",
        "plane: [{anchors: [final:0, final:1, swa:1]}] | plane[0].anchors[2]: 'swa:1' needs the swa key"
                + " (swa: {start: N}) (line 4)",
        "plane: [{anchors: [final:0, final:5, origin]}] | plane[0].anchors[1]: 'final:5': member 5 does not exist;"
                + " train.members is 5 (line 4)",
        "plane: [{anchors: [final:0, final:1, checkpoint:0@2]}] | plane[0].anchors[2]: 'checkpoint:0@2' needs the"
                + " trajectory key (trajectory: {every: 1}; only its checkpoints are kept) (line 4)",
        "trajectory: {every: 2}\\nplane: [{anchors: [final:0, final:1, checkpoint:0@3]}] | plane[0].anchors[2]:"
                + " 'checkpoint:0@3' names epoch 3, which is not kept: the trajectory keeps epochs 2, 4 (line 5)",
        "trajectory: {every: 2}\\nplane: [{anchors: [final:0, final:1, checkpoint:0@0]}] | plane[0].anchors[2]:"
                + " 'checkpoint:0@0' names epoch 0, which is not kept: the trajectory keeps epochs 2, 4 (line 5)",
        "trajectory: {everySteps: 100}\\nplane: [{anchors: [final:0, final:1, checkpoint:0@2]}] | plane[0].anchors[2]:"
                + " 'checkpoint:0@2' names epoch 2, which is not kept: trajectory.everySteps keeps checkpoints by"
                + " step, so only the last epoch (4) can be named (line 5)",
        "plane: [{anchors: [final:0, final:1, final:0]}] | plane[0].anchors[2]: 'final:0' is the same as anchors[0];"
                + " a plane needs 3 distinct anchors (line 4)",
        "plane: [{anchors: [final:0, final:1]}] | plane[0].anchors: must be 3 distinct weight references (final:M,"
                + " swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin), got 2 (line 4)",
        "plane: [{grid: 5}] | plane[0].anchors: required: 3 weight references (final:M, swa:M, checkpoint:M@E,"
                + " bend:C, spawn:K@E or origin), e.g. anchors: [final:0, final:1, final:2] (line 4)",
        "plane: {anchors: [final:0, final:1, final:2]} | plane: must be a list of planes, each a map with keys"
                + " anchors, grid, margin, trainSubset, e.g. plane: [{anchors: [final:0, final:1, final:2]}], got a"
                + " map (line 4)",
        "interpolation: {pairs: [[final:0, final:0]]} | interpolation.pairs[0]: 'final:0' and 'final:0' are the"
                + " same; a pair needs 2 distinct weight vectors (line 4)",
        "interpolation: {pairs: [[final:0, final:1], [final:1, final:0]]} | interpolation.pairs[1]: is the same line"
                + " as interpolation.pairs[0] (final:0-final:1) (line 4)",
        "interpolation: {pairs: [[final:0, final:1, final:2]]} | interpolation.pairs[0]: must be a pair [a, b] of 2"
                + " weight references, got 3 (line 4)",
        "interpolation: {pairs: [final:0]} | interpolation.pairs[0]: must be a pair [a, b] of weight"
                + " references (final:M, swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin), got \"final:0\" (line 4)",
        "interpolation: {points: 5} | interpolation.pairs: required: a list of pairs of weight references, e.g."
                + " pairs: [[final:0, final:1]] (line 4)",
        // needs
        "similarity: {} | similarity: needs the trajectory key: similarity compares the trajectory's kept"
                + " checkpoints (only scopes: [members] compares the final weights alone) (line 4)",
        "similarity: {scopes: [members, all]} | similarity: needs the trajectory key: similarity compares the"
                + " trajectory's kept checkpoints (only scopes: [members] compares the final weights alone) (line 4)",
        "tsne: {} | tsne: needs the trajectory key: t-SNE embeds the predictions of the kept checkpoints (line 4)",
        "subspace: {diag-gaussian: {}} | subspace.diag-gaussian: needs the swa key: the SWAG-diagonal Gaussian uses"
                + " the SWAG moments (line 4)",
        "subspace: {low-rank-gaussian: {rank: 1}} | subspace.low-rank-gaussian: needs the trajectory key: the"
                + " low-rank Gaussian is the PCA of the trajectory's checkpoints (line 4)",
        "subspace: {around: 0} | subspace: needs at least one method: random, dropout, diag-gaussian,"
                + " low-rank-gaussian, mc-dropout, e.g. subspace: {random: {}} (line 4)",
        "ensembles: {swa: true} | ensembles.swa: needs the swa key: it is the ensemble of the members' SWA solutions"
                + " (line 4)",
        "ensembles: {subspace: yes} | ensembles.subspace: needs the subspace key: it ensembles the subspace samples"
                + " (line 4)",
        "ensembles: {multiSwag: true} | ensembles.multiSwag: needs the swa key: it samples every member's SWAG"
                + " posterior (line 4)",
        "trajectory: {every: 1, everySteps: 10} | trajectory.everySteps: give trajectory.every (epochs) or"
                + " trajectory.everySteps (steps), not both; got every 1 and everySteps 10 (line 4)",
        // types and keys
        "swa: true | swa: must be a map with keys start, rank ({} for the defaults), got boolean true (line 4)",
        "swa: | swa: must be a map with keys start, rank ({} for the defaults), got null (line 4)",
        "similarity: all | similarity: must be true, false or a map with keys scopes ({} or true for all scopes),"
                + " got \"all\" (line 4)",
        "ensembles: {deep: 1} | ensembles.deep: must be true or false, got 1 (line 4)",
        "ensembles: {deep: 'true'} | ensembles.deep: must be true or false, got the string \"true\" (remove the"
                + " quotes) (line 4)",
        "swa: {start: 2, rnk: 1} | swa.rnk: unknown key; allowed: start, rank; did you mean 'rank'? (line 4)",
        "subspace: {diag_gaussian: {}} | subspace.diag_gaussian: unknown key; allowed: around, samples, random,"
                + " dropout, diag-gaussian, low-rank-gaussian, mc-dropout; did you mean 'diag-gaussian'? (line 4)",
        "subspace: {random: {radius: [1]}} | subspace.random.radius: unknown key; allowed: radii, accuracyFloor; did you"
                + " mean 'radii'? (line 4)",
        "subspace: {random: {radii: 5}} | subspace.random.radii: must be a list of numbers, e.g. [5], got 5 (line 4)",
        "subspace: {random: {radii: [five]}} | subspace.random.radii[0]: must be a number, got \"five\" (line 4)",
        "tsne: {perplexity: 30, seed: 1.5}\\ntrajectory: {} | tsne.seed: must be an integer, got 1.5 (line 4)",
        "trajectory: {every: 1}\\nTrajectory: {} | Trajectory: unknown key; allowed: study, seed, data, model, train,"
                + " trajectory, similarity, tsne, swa, subspace, ensembles, plane, interpolation, curves, budget,"
                + " fge, sse, spawn, align, distill, barriers, shift; did you mean"
                + " 'trajectory'? (line 5)",
        "train2: {} | train2: unknown key; allowed: study, seed, data, model, train, trajectory, similarity, tsne, swa,"
                + " subspace, ensembles, plane, interpolation, curves, budget, fge, sse, spawn, align, distill, barriers, shift; did you mean"
                + " 'train'? (line 4)",
    })
    void refused(String body, String expected) {
        assertEquals(expected, one(spec(body)));
    }

    /** A number too large for an int gets the key's bounds, as an out-of-range one does. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "trajectory: {every: N} | trajectory.every: must be between 1 and train.epochs",
        "trajectory: {everySteps: N} | trajectory.everySteps: must be between 1 and 100000000",
        "swa: {start: N} | swa.start: must be an epoch, between 1 and train.epochs",
        "swa: {rank: N} | swa.rank: must be between 0 and 64 (SWAG deviation vectors; 0 = diagonal only)",
        "subspace: {around: N, random: {}} | subspace.around: must be a member index, between 0 and train.members - 1",
        "subspace: {samples: N, random: {}} | subspace.samples: must be between 1 and 100",
        "trajectory: {}\\nsubspace: {low-rank-gaussian: {rank: N}} | subspace.low-rank-gaussian.rank: must be between 1"
                + " and 64",
        "plane: [{anchors: [final:0, final:1, origin], grid: N}] | plane[0].grid: must be between 3 and 101",
        "plane: [{anchors: [final:0, final:1, origin]}, {anchors: [final:0, final:1, origin], trainSubset: N}]"
                + " | plane[1].trainSubset: must be between 100 and 60000",
        "interpolation: {pairs: [[final:0, final:1]], points: N} | interpolation.points: must be between 3 and 201",
        "interpolation: {pairs: [[final:0, final:1]], trainSubset: N} | interpolation.trainSubset: must be between"
                + " 100 and 60000",
        "shift: {severities: [1, N]} | shift.severities[1]: must be between 1 and 5",
    })
    void integerTooLargeForInt(String body, String expected) {
        SpecProblem p = SpecTesting.only(spec(body.replace("N", "99999999999")));
        assertEquals(expected + ", got 99999999999", p.path() + ": " + p.message());
    }

    @Test
    void everyProblemAtOnceInDocumentOrder() {
        String yaml = """
                study: a
                train: {members: 2, epochs: 4}
                swa: {start: 9}
                subspace:
                  around: 2
                  random: {radii: [0]}
                plane:
                  - anchors: [final:0, final:1, swa:3]
                    grid: 2
                interpolation:
                  pairs: [[final:0, origin], [bad, final:1]]
                shift: {corruptions: [fog], severities: [0]}
                """;
        List<SpecProblem> p = problems(yaml);
        assertEquals(List.of("swa.start@3", "subspace.around@5", "subspace.random.radii[0]@6",
                        "plane[0].anchors[2]@8", "plane[0].grid@9", "interpolation.pairs[1][0]@11",
                        "shift.corruptions[0]@12", "shift.severities[0]@12"),
                p.stream().map(x -> x.path() + "@" + x.line()).toList(), SpecTesting.join(p));
        assertEquals("plane[0].anchors[2]: 'swa:3': member 3 does not exist; train.members is 2 (line 8)",
                p.get(3).toString());
    }

    @Test
    void aKeyThatIsWrongIsNotAlsoMissing() {
        // swa is reported once, for its type; the anchor and the ensemble that need it are not reported again
        assertEquals("swa: must be a map with keys start, rank ({} for the defaults), got a list (line 4)",
                one(spec("swa: [3]\nensembles: {swa: true}\nplane: [{anchors: [swa:0, final:0, final:1]}]")));
        // a trajectory that is itself wrong does not make its checkpoints wrong too
        assertEquals("trajectory.every: must be between 1 and train.epochs (4), got 9 (line 4)",
                one(spec("trajectory: {every: 9}\nplane: [{anchors: [checkpoint:0@1, final:0, final:1]}]")));
        // nor does train.epochs
        assertEquals("train.epochs: must be an integer, got \"four\" (line 2)",
                one("study: a\ntrain: {members: 5, epochs: four}\nswa: {start: 9}\n"));
    }
}
