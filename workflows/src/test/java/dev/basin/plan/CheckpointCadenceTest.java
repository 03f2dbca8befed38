package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.TrainConfig;
import dev.basin.spec.SpecHash;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import org.junit.jupiter.api.Test;

/** The checkpoint cadence training runs with: raised so that every checkpoint an analysis reads is written. */
class CheckpointCadenceTest {

    private static TrainConfig cadenced(String yaml) {
        StudySpec s = SpecParser.parse(yaml);
        return CheckpointCadence.trainConfig(s.train(), s.analyses());
    }

    @Test
    void fgeStartIsWritten() {
        // the default start, epoch 8 of 10, with checkpoints every 4 epochs: 8 is already on the cadence
        assertEquals(4, cadenced("study: a\ntrain: {members: 1, epochs: 10, checkpointEvery: 4}\nfge: {}\n")
                .checkpointEvery());
        // epoch 6 of 10, every 4: every 2 writes epoch 6
        assertEquals(2, cadenced("study: a\ntrain: {members: 1, epochs: 10, checkpointEvery: 4}\n"
                + "fge: {from: checkpoint:0@6}\n").checkpointEvery());
        // epoch 7 is prime to 4: every epoch
        assertEquals(1, cadenced("study: a\ntrain: {members: 1, epochs: 10, checkpointEvery: 4}\n"
                + "fge: {from: checkpoint:0@7}\n").checkpointEvery());
        for (int start = 1; start < 20; start++) {
            int every = cadenced("study: a\ntrain: {members: 2, epochs: 20, checkpointEvery: 12}\n"
                    + "fge: {from: checkpoint:1@" + start + "}\n").checkpointEvery();
            assertEquals(0, start % every, "epoch " + start + " is written with checkpointEvery " + every);
        }
    }

    @Test
    void withoutFgeTheCadenceIsTrains() {
        TrainConfig t = cadenced("study: a\ntrain: {members: 1, epochs: 10, checkpointEvery: 4}\nsse: {}\n"
                + "curves: [{between: [origin, final:0]}]\n");
        assertEquals(4, t.checkpointEvery());
        assertEquals(0, t.checkpointEverySteps());
    }

    @Test
    void theCadenceIsNotPartOfTheRunKey() {
        StudySpec plain = SpecParser.parse("study: a\ntrain: {members: 1, epochs: 10, checkpointEvery: 4}\n");
        StudySpec fge = SpecParser.parse("study: a\ntrain: {members: 1, epochs: 10, checkpointEvery: 4}\n"
                + "fge: {from: checkpoint:0@7}\n");
        assertEquals(SpecHash.runKey(plain, "v"), SpecHash.runKey(new StudySpec(fge.study(), fge.seed(), fge.data(),
                fge.model(), CheckpointCadence.trainConfig(fge.train(), fge.analyses()), fge.analyses()), "v"));
    }
}
