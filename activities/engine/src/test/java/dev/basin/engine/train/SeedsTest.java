package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void spawnedChildrenGetDeterministicDistinctSeeds() {
        assertEquals(Seeds.spawn(7, 0, 5, 1), Seeds.spawn(7, 0, 5, 1));
        Set<Long> seen = new HashSet<>();
        for (int parent = 0; parent < 3; parent++) {
            seen.add(Seeds.member(7, parent));
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int child = 0; child < 4; child++) {
                    seen.add(Seeds.spawn(7, parent, epoch, child));
                }
            }
        }
        assertEquals(3 + 3 * 3 * 4, seen.size(), "every child and member has its own seed");
        assertNotEquals(Seeds.spawn(7, 0, 5, 1), Seeds.spawn(8, 0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Seeds.spawn(7, -1, 0, 0));
    }

    /** Two children of one checkpoint visit the data in different orders from the spawn epoch on. */
    @Test
    void childrenSeeDifferentDataOrders() {
        long a = Seeds.spawn(7, 0, 2, 0);
        long b = Seeds.spawn(7, 0, 2, 1);
        assertFalse(Arrays.equals(Trainer.epochOrder(a, 2, 100), Trainer.epochOrder(b, 2, 100)));
    }
}
