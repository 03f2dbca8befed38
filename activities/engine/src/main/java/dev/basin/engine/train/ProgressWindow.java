package dev.basin.engine.train;

/** Loss and throughput accumulated between two progress reports of a training loop. */
public final class ProgressWindow {
    private final long startNanos = System.nanoTime();
    private int steps;
    private long images;
    private double lossSum;

    public void add(int batchImages, double loss) {
        steps++;
        images += batchImages;
        lossSum += loss;
    }

    /** Steps added since the window opened. */
    public int steps() {
        return steps;
    }

    /** The end of an epoch, over every step added since the window opened. */
    public EpochEnd epochEnd(int epoch, long step) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        return new EpochEnd(epoch, step, lossSum / steps, images / seconds, seconds);
    }

    /** The report: the mean loss and the images per second since the window opened. */
    public Progress close(int epoch, long step, int perEpoch, double lr, boolean epochEnd) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        return new Progress(epoch, step, perEpoch, lossSum / steps, images / seconds, lr, epochEnd);
    }
}
