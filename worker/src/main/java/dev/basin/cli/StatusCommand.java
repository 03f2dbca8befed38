package dev.basin.cli;

import dev.basin.artifacts.ArtifactException;
import dev.basin.artifacts.StoredObject;
import dev.basin.db.DamagedArtifactRow;
import dev.basin.db.ProgressRow;
import dev.basin.db.QueryResult;
import dev.basin.db.StageRow;
import dev.basin.db.StudyRow;
import dev.basin.db.TableFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What PostgreSQL knows of the studies: all of them, or one study's stages and members. */
@Command(name = "status", description = "Show the studies, or one study's stages and its members' progress.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY", arity = "0..1") String study;
    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
        try (Services services = Services.open(connection, true)) {
            if (study == null) {
                List<List<String>> rows = new ArrayList<>();
                Optional<Map<String, Storage>> byStudy = storageByStudy(services);
                for (StudyRow s : services.store.studies()) {
                    Optional<Storage> stored = byStudy.map(m -> m.getOrDefault(s.name(), Storage.NONE));
                    rows.add(List.of(s.name(), s.status(), String.valueOf(s.seed()), text(s.startedAt()), text(s.finishedAt()),
                            stored.map(st -> String.valueOf(st.objects())).orElse("?"),
                            stored.map(st -> Storage.size(st.bytes())).orElse("?")));
                }
                System.out.print(TableFormat.aligned(new QueryResult(
                        List.of("study", "status", "seed", "started", "finished", "objects", "bytes"), rows)));
                return 0;
            }
            StudyRow s = services.store.study(study)
                    .orElseThrow(() -> new BadInputException("no study named '" + study + "' in " + services.db.safeUrl()));
            System.out.printf("Study %s: %s (code %s, %d threads, spec %s)%n", s.name(), s.status(), s.codeVersion(),
                    s.threads(), s.specHash().substring(0, 12));
            System.out.printf("Storage: %s under s3://%s/%s%n", storage(services, study).map(Storage::text)
                    .orElse("unknown (S3 cannot list it)"), services.bucket(), GcPlan.prefix(study));
            List<StageRow> stages = services.store.stages().stages(study);
            System.out.println("Stages: " + StageCounts.of(stages) + ".");
            StageTable.print(System.out, stages, services.store.stages().graph(study));
            System.out.println();
            List<List<String>> rows = new ArrayList<>();
            for (ProgressRow p : services.store.progress().of(study)) {
                rows.add(List.of(String.valueOf(p.member()), p.state(), p.epoch() + "/" + p.epochs(), String.valueOf(p.step()),
                        String.format("%.4f", p.loss()), String.format("%.0f", p.imagesPerSec()), text(p.updatedAt())));
            }
            System.out.print(TableFormat.aligned(new QueryResult(
                    List.of("member", "state", "epoch", "step", "loss", "img/s", "updated"), rows)));
            for (DamagedArtifactRow c : services.store.stages().damagedArtifacts(study)) {
                System.out.printf("Damaged %s of member %s found %s: %s; %s.%n", c.kind(), c.member(), c.detectedAt(),
                        c.artifactKey(), c.action());
            }
            return 0;
        }
    }

    /** The study's objects in S3, all runs together; empty when S3 cannot list them (status still shows the rest). */
    private static Optional<Storage> storage(Services services, String study) {
        try {
            return Optional.of(Storage.of(services.artifacts.list(GcPlan.prefix(study))));
        } catch (ArtifactException e) {
            return Optional.empty();
        }
    }

    /** Every study's objects in S3, from one listing of {@code studies/}; empty when S3 cannot list them. */
    private static Optional<Map<String, Storage>> storageByStudy(Services services) {
        try {
            Map<String, Storage> out = new HashMap<>();
            for (StoredObject o : services.artifacts.list("studies/")) {
                String[] parts = o.key().split("/", 3);
                if (parts.length == 3) {
                    out.merge(parts[1], new Storage(1, o.bytes()), Storage::plus);
                }
            }
            return Optional.of(out);
        } catch (ArtifactException e) {
            return Optional.empty();
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
