package dev.basin.engine.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Labelled images in memory.
 *
 * @param features float32 {@code [n, channels*height*width]}, values in [0, 1], each row one image
 *                 flattened channel-major then row-major (the layout of DL4J's
 *                 {@code InputType.convolutionalFlat})
 * @param labels   class index of each row, in {@code [0, classes)}
 */
public record Dataset(INDArray features, int[] labels, int channels, int height, int width, int classes) {

    public Dataset {
        if (features.rank() != 2 || features.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("features must be float32 [n, c*h*w], got "
                    + features.dataType() + " " + Arrays.toString(features.shape()));
        }
        if (features.rows() != labels.length) {
            throw new IllegalArgumentException(features.rows() + " feature rows but " + labels.length + " labels");
        }
        if (features.columns() != (long) channels * height * width) {
            throw new IllegalArgumentException(features.columns() + " feature columns but c*h*w = "
                    + (long) channels * height * width);
        }
    }

    /** Turns IDX images and labels into a dataset, checking counts and label range. */
    public static Dataset fromIdx(Idx.Images images, byte[] labels, int classes, String imagesSource, String labelsSource) {
        if (images.count() != labels.length) {
            throw new DataException(imagesSource + " has " + images.count() + " images but "
                    + labelsSource + " has " + labels.length + " labels");
        }
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i] & 0xff;
            if (y[i] >= classes) {
                throw new DataException(labelsSource + ": label " + y[i] + " at index " + i
                        + " is out of range for " + classes + " classes");
            }
        }
        byte[] px = images.pixels();
        float[] x = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = (px[i] & 0xff) / 255f;
        }
        INDArray features = Nd4j.create(x, new long[] {images.count(), (long) images.rows() * images.cols()}, 'c');
        return new Dataset(features, y, 1, images.rows(), images.cols(), classes);
    }

    public int size() {
        return labels.length;
    }

    /** The first {@code n} examples, as an independent copy; {@code n} may not exceed {@link #size()}. */
    public Dataset firstN(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("firstN(" + n + ") of a dataset of " + size());
        }
        INDArray x = features.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup('c');
        return new Dataset(x, Arrays.copyOf(labels, n), channels, height, width, classes);
    }

    /** One-hot float32 {@code [rows.length, classes]} targets for the given example indices. */
    public INDArray oneHot(int[] rows) {
        float[] y = new float[rows.length * classes];
        for (int i = 0; i < rows.length; i++) {
            y[i * classes + labels[rows[i]]] = 1f;
        }
        return Nd4j.create(y, new long[] {rows.length, classes}, 'c');
    }
}
