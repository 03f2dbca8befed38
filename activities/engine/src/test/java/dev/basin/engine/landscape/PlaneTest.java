package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PlaneTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    private static INDArray v(float... x) {
        return Nd4j.createFromArray(x);
    }

    private static INDArray random(long seed, int p) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[p];
        for (int i = 0; i < p; i++) {
            x[i] = (float) (rng.nextGaussian() * 0.1);
        }
        return Nd4j.createFromArray(x);
    }

    /** w1 = 0, w2 = (2,0,0), w3 = (1,3,0): u = (2,0,0), ‖u‖ = 2, v̂ = e2, w3 at (0.5, 1.5). */
    private static Plane handPlane() {
        return new Plane(v(0, 0, 0), v(2, 0, 0), v(1, 3, 0));
    }

    @Test
    void handComputedCoordinates() {
        Plane plane = handPlane();
        assertEquals(2.0, plane.unit(), 0);
        assertEquals(new Plane.Coordinates(0.5, 1.5), plane.w3());
        assertArrayEquals(new float[] {1, 2, 0}, plane.point(0.5, 1).toFloatVector(), 0f);
        // (1,1,5) projects onto (1,1,0): a = 0.5, b = 1/2
        assertEquals(new Plane.Coordinates(0.5, 0.5), plane.coordinates(v(1, 1, 5)));
    }

    @Test
    void anchorsSitAtTheirCoordinates() {
        INDArray w1 = random(1, 300);
        INDArray w2 = random(2, 300);
        INDArray w3 = random(3, 300);
        Plane plane = new Plane(w1, w2, w3);
        assertEquals(w1, plane.point(0, 0));
        float[] expected = w2.toFloatVector();
        float[] actual = plane.point(1, 0).toFloatVector();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.ulp(expected[i]), "entry " + i);
        }
        Plane.Coordinates c3 = plane.coordinates(w3);
        assertTrue(c3.b() > 0);
        assertEquals(plane.w3().a(), c3.a(), 1e-12);
        assertEquals(plane.w3().b(), c3.b(), 1e-12);
        assertArrayEquals(w3.toFloatVector(), plane.point(c3.a(), c3.b()).toFloatVector(), 1e-6f);
        assertEquals(new Plane.Coordinates(1, 0).a(), plane.coordinates(w2).a(), 1e-12);
        assertEquals(0, plane.coordinates(w2).b(), 1e-12);
    }

    @Test
    void projectionRoundTrips() {
        Plane plane = new Plane(random(1, 200), random(2, 200), random(3, 200));
        INDArray off = random(4, 200);
        Plane.Coordinates c = plane.coordinates(off);
        INDArray onPlane = plane.point(c.a(), c.b());
        Plane.Coordinates again = plane.coordinates(onPlane);
        assertEquals(c.a(), again.a(), 1e-5);
        assertEquals(c.b(), again.b(), 1e-5);
        Plane.Coordinates chosen = plane.coordinates(plane.point(-0.3, 1.7));
        assertEquals(-0.3, chosen.a(), 1e-5);
        assertEquals(1.7, chosen.b(), 1e-5);
    }

    @Test
    void gridCoversTheAnchorsBoxPlusMargin() {
        // box a ∈ [0, 1], b ∈ [0, 1.5]; margin 0.2 adds 0.2 and 0.3
        Plane.Grid grid = handPlane().grid(3, 0.2);
        assertArrayEquals(new double[] {-0.2, 0.5, 1.2}, grid.a(), 1e-15);
        assertArrayEquals(new double[] {-0.3, 0.75, 1.8}, grid.b(), 1e-15);
        List<Plane.Coordinates> points = grid.points();
        assertEquals(9, points.size());
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(new Plane.Coordinates(grid.a()[i], grid.b()[j]), points.get(j * 3 + i));
            }
        }
        // w3 left of w1: box a ∈ [−1, 1]
        Plane left = new Plane(v(0, 0), v(1, 0), v(-1, 2));
        assertArrayEquals(new double[] {-1, 0, 1}, left.grid(3, 0).a(), 1e-15);
        assertArrayEquals(new double[] {0, 1, 2}, left.grid(3, 0).b(), 1e-15);
    }

    @Test
    void degeneratePlanesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Plane(v(1, 1), v(1, 1), v(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> new Plane(v(0, 0), v(1, 1), v(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> new Plane(v(0, 0), v(1, 1), v(3, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> handPlane().grid(1, 0.1));
    }
}
