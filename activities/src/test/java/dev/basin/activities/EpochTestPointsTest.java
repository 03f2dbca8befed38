package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many test points each epoch's end measures: the whole test split, up to a sixth of the training set. */
class EpochTestPointsTest {
    @Test
    void theWholeTestSplitOfFashionMnistAndASixthOfSmallTrainingSets() {
        assertEquals(10_000, MemberListener.testPoints(60_000, 10_000));
        assertEquals(5_000, MemberListener.testPoints(60_000, 5_000));
        assertEquals(250, MemberListener.testPoints(1_500, 10_000));
        assertEquals(334, MemberListener.testPoints(2_000, 500));
        assertEquals(1, MemberListener.testPoints(1, 10));
        assertEquals(0, MemberListener.testPoints(100, 0));
    }
}
