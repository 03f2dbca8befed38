package dev.basin.activities;

/**
 * TEST ONLY, and off unless the JVM runs with {@code -Dbasin.test.holdCheckpointRowAtStep=N}: after a member's
 * checkpoint at global step N is uploaded, the worker says so on stdout and waits {@link #HOLD_MILLIS} before
 * recording its row. That gives a race test a window in which to pause the worker (SIGSTOP) between the upload
 * and the row, the interleaving that a paused worker makes by chance in production. Without the property this
 * does nothing.
 */
final class RaceHook {
    static final String PROPERTY = "basin.test.holdCheckpointRowAtStep";
    static final long HOLD_MILLIS = 5_000;
    private static final long STEP = Long.getLong(PROPERTY, -1);

    private RaceHook() {}

    static void afterUpload(long step) {
        if (STEP < 0 || step != STEP) {
            return;
        }
        System.out.println("test hook " + PROPERTY + ": checkpoint at step " + step + " uploaded; holding its row "
                + HOLD_MILLIS + " ms");
        System.out.flush();
        try {
            Thread.sleep(HOLD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
