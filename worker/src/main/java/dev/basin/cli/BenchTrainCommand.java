package dev.basin.cli;

import dev.basin.engine.DataConfig;
import dev.basin.engine.bench.TrainBenchmark;
import dev.basin.engine.data.Datasets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training and inference throughput of small-cnn on Fashion-MNIST. With {@code --peer}, the PyTorch
 * peer runs the same network alternately with Basin (never at the same time), round after round, so
 * both see the same machine conditions.
 */
@Command(name = "train", description = "Training/inference img/s of small-cnn on Fashion-MNIST (optionally vs the PyTorch peer).")
final class BenchTrainCommand implements Callable<Integer> {
    private static final Pattern PEER_EPOCH =
            Pattern.compile("epoch (\\d+): train (\\d+) img/s .*infer (\\d+) img/s, test acc ([0-9.]+)");

    @Option(names = "--threads", defaultValue = "2", description = "Engine threads (default: ${DEFAULT-VALUE}).") int threads;
    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per round; the last is the steady state.") int epochs;
    @Option(names = "--rounds", defaultValue = "1", description = "Rounds (Basin, then the peer if given).") int rounds;
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: Debian's).") Path data;
    @Option(names = "--peer", paramLabel = "FILE", description = "The PyTorch peer script, e.g. ../shared/peer/torch_smallcnn.py.")
    Path peer;
    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python for the peer.") String python;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || batch < 1 || epochs < 1 || rounds < 1) {
            throw new BadInputException("--threads, --batch, --epochs and --rounds must be >= 1");
        }
        var dataset = Datasets.load(new DataConfig("fashion-mnist", data == null ? null : data.toString(), 0, 0));
        List<double[]> basin = new ArrayList<>();
        List<double[]> torch = new ArrayList<>();
        System.out.printf("%-6s %-8s %5s %12s %12s %8s %9s%n", "round", "engine", "epoch", "train img/s", "infer img/s",
                "test acc", "FLOP frac");
        for (int round = 1; round <= rounds; round++) {
            TrainBenchmark.Result r = TrainBenchmark.run(TrainBenchmark.Options.defaults(threads, batch, epochs), dataset);
            for (TrainBenchmark.Epoch e : r.epochs()) {
                System.out.printf("%-6d %-8s %5d %12.0f %12.0f %8.4f %9.3f%n", round, "basin", e.epoch(),
                        e.trainImagesPerSecond(), e.inferenceImagesPerSecond(), e.testAccuracy(), e.trainFraction());
            }
            var last = r.epochs().get(r.epochs().size() - 1);
            basin.add(new double[] {last.trainImagesPerSecond(), last.inferenceImagesPerSecond()});
            if (round == 1) {
                System.out.printf("       (oneDNN helpers %s; %.2f MFLOP/train image; ceiling %.0f GFLOP/s = %d threads x %.0f MHz x %d FLOP/cycle)%n",
                        r.oneDnnHelpers() ? "on" : "OFF", r.trainFlopsPerImage() / 1e6, r.ceilingGflops(), threads, r.clockMHz(),
                        r.flopsPerCycle());
            }
            if (peer != null) {
                torch.add(runPeer(round));
            }
        }
        double[] b = median(basin);
        System.out.printf("%nBasin (median of last epochs): train %.0f img/s, inference %.0f img/s%n", b[0], b[1]);
        if (!torch.isEmpty()) {
            double[] t = median(torch);
            System.out.printf("PyTorch peer (median):         train %.0f img/s, inference %.0f img/s%n", t[0], t[1]);
            System.out.printf("Basin / PyTorch:               train %.2fx, inference %.2fx%n", b[0] / t[0], b[1] / t[1]);
        }
        return 0;
    }

    private double[] runPeer(int round) throws Exception {
        Process p = new ProcessBuilder(python, peer.toString(), String.valueOf(epochs), String.valueOf(threads),
                String.valueOf(batch)).redirectErrorStream(true).start();
        double[] last = null;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = PEER_EPOCH.matcher(line);
                if (m.find()) {
                    last = new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
                    System.out.printf("%-6d %-8s %5s %12s %12s %8s%n", round, "pytorch", m.group(1), m.group(2), m.group(3), m.group(4));
                }
            }
        }
        if (p.waitFor() != 0 || last == null) {
            throw new IllegalStateException("the peer " + peer + " failed (exit " + p.exitValue() + ")");
        }
        return last;
    }

    private static double[] median(List<double[]> rows) {
        double[] out = new double[rows.get(0).length];
        for (int c = 0; c < out.length; c++) {
            final int col = c;
            double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            out[c] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }
}
