package dev.basin.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny files in CIFAR's binary formats, written by the tests. Record i of a file gets label
 * {@code (first + i) % classes} (CIFAR-100: coarse label {@code fine % 20}) and pixel p of channel c
 * the byte {@code (first + i + 7c + p) % 256}, so every value, label and channel position is known by hand.
 */
public final class SyntheticCifar {

    private SyntheticCifar() {}

    /** The pixel byte of channel {@code c}, flat position {@code p} (= row * 32 + column) of record {@code index}. */
    public static int pixel(int index, int c, int p) {
        return (index + 7 * c + p) % 256;
    }

    /** Writes {@code n} records starting at global index {@code first}. */
    public static void write(Path file, Cifar.Variant v, int first, int n) {
        byte[] out = new byte[n * v.recordBytes()];
        int labelBytes = v.recordBytes() - Cifar.PIXELS;
        for (int i = 0; i < n; i++) {
            int index = first + i;
            int base = i * v.recordBytes();
            int fine = index % v.classes;
            if (labelBytes == 2) {
                out[base] = (byte) (fine % 20);
            }
            out[base + labelBytes - 1] = (byte) fine;
            for (int c = 0; c < Cifar.CHANNELS; c++) {
                for (int p = 0; p < 1024; p++) {
                    out[base + labelBytes + c * 1024 + p] = (byte) pixel(index, c, p);
                }
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole dataset folder: {@code perTrainFile} records in each training file, {@code test} in the test file. */
    public static void writeFolder(Path dir, Cifar.Variant v, int perTrainFile, int test) {
        int first = 0;
        for (String name : v.trainFiles) {
            write(dir.resolve(name), v, first, perTrainFile);
            first += perTrainFile;
        }
        write(dir.resolve(v.testFiles.get(0)), v, 1000, test);
    }
}
