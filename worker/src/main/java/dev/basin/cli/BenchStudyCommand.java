package dev.basin.cli;

import dev.basin.activities.DatasetCache;
import dev.basin.activities.MemberResult;
import dev.basin.activities.MemberScore;
import dev.basin.activities.WorkerContext;
import dev.basin.worker.BasinWorker;
import dev.basin.workflows.StudyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Orchestration overhead: a small study through Temporal, S3 and PostgreSQL, its wall time (submit
 * to result, stack already up) against the time its activities spent inside the engine's training
 * and inference loops. The difference is what Basin's durability costs: scheduling, heartbeats,
 * checkpoint uploads, rows, dataset loading.
 */
@Command(name = "study", description = "Wall time of a small study against the engine's own compute time.")
final class BenchStudyCommand implements Callable<Integer> {
    @Option(names = "--members", defaultValue = "2") int members;
    @Option(names = "--epochs", defaultValue = "2") int epochs;
    @Option(names = "--train-subset", defaultValue = "20000") int trainSubset;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--slots", defaultValue = "1",
            description = "Members at a time; keep 1 so compute time and wall time are comparable.") int slots;
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: Debian's).") Path data;

    @Override
    public Integer call() throws Exception {
        Path state = Files.createTempDirectory("basin-bench-");
        String spec = """
                study: bench
                seed: 1
                data: {dataset: fashion-mnist, trainSubset: %d}
                model: small-cnn
                train: {members: %d, epochs: %d, batchSize: 128, checkpointEvery: 1}
                """.formatted(trainSubset, members, epochs);
        Path file = Files.writeString(state.resolve("bench.yaml"), spec);
        var connection = new ConnectionOptions();
        connection.dataDir = state.resolve("stack");
        connection.taskQueue = "basin";
        connection.computeQueue = "basin-compute";
        long t0 = System.nanoTime();
        try (Services services = Services.open(connection, true)) {
            run(services, connection, file, t0);
        } finally {
            deleteTree(state); // a benchmark leaves nothing behind
        }
        return 0;
    }

    private void run(Services services, ConnectionOptions connection, Path file, long t0) throws Exception {
        double stackSeconds = (System.nanoTime() - t0) / 1e9;
        var factory = BasinWorker.start(services.client,
                new WorkerContext(services.artifacts, services.store, new DatasetCache(data), threads),
                new BasinWorker.Queues(connection.taskQueue, connection.computeQueue, slots));
        try {
            long t1 = System.nanoTime();
            var started = Submission.start(services, SpecFiles.read(file), connection);
            StudyResult result = started.stub().getResult(StudyResult.class);
            double wall = (System.nanoTime() - t1) / 1e9;
            double train = result.trained().stream().mapToDouble(MemberResult::computeSeconds).sum();
            double eval = result.members().stream().mapToDouble(MemberScore::computeSeconds).sum();
            System.out.printf("stack start            %7.2f s%n", stackSeconds);
            System.out.printf("study wall time        %7.2f s  (%d members x %d epochs x %,d images, submit to result)%n",
                    wall, members, epochs, trainSubset);
            System.out.printf("engine compute         %7.2f s  (training %.2f s + inference %.2f s, inside the engine loops)%n",
                    train + eval, train, eval);
            System.out.printf("orchestration overhead %7.2f s  = %.1f%% of the wall time%n", wall - train - eval,
                    100 * (wall - train - eval) / wall);
        } finally {
            BasinWorker.stop(factory);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
