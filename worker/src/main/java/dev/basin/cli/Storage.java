package dev.basin.cli;

import dev.basin.artifacts.StoredObject;
import java.util.Collection;
import java.util.Locale;

/** A number of stored objects and their bytes, as {@code basin gc} and {@code basin status} print them. */
record Storage(long objects, long bytes) {
    static final Storage NONE = new Storage(0, 0);

    static Storage of(Collection<StoredObject> objects) {
        return new Storage(objects.size(), objects.stream().mapToLong(StoredObject::bytes).sum());
    }

    Storage plus(Storage other) {
        return new Storage(objects + other.objects, bytes + other.bytes);
    }

    /** {@code 12 objects, 3.4 MiB}. */
    String text() {
        return objects + (objects == 1 ? " object, " : " objects, ") + size(bytes);
    }

    /** Bytes in binary units, one decimal above a KiB: {@code 512 B}, {@code 3.4 MiB}, {@code 31.5 MiB}. */
    static String size(long bytes) {
        return binary(bytes, false);
    }

    /**
     * Bytes in binary units: {@code 512 B}, then one decimal ({@code 3.4 MiB}), or, when {@code brief}, one decimal
     * under 10 and none above ({@code 31 MiB}), as {@code basin plan}'s table prints them.
     */
    static String binary(long bytes, boolean brief) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, brief && v >= 10 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
