package dev.basin.serve;

import dev.basin.db.ProgressRow;
import java.util.List;

/**
 * The event stream's payloads, one JSON object each. {@code progress}: the members' rows; {@code stages}: every
 * stage's state and how many are finished. Built from the rows alone, so that an unchanged table gives the same
 * text and the stream can send only changes.
 */
final class Events {
    private Events() {}

    static String progress(String study, List<ProgressRow> rows) {
        StringBuilder out = new StringBuilder("{\"study\":").append(Json.str(study)).append(",\"members\":[");
        for (int i = 0; i < rows.size(); i++) {
            ProgressRow p = rows.get(i);
            out.append(i == 0 ? "" : ",").append("{\"member\":").append(p.member())
                    .append(",\"state\":").append(Json.str(p.state()))
                    .append(",\"epoch\":").append(p.epoch())
                    .append(",\"epochs\":").append(p.epochs())
                    .append(",\"step\":").append(p.step())
                    .append(",\"stepsPerEpoch\":").append(p.stepsPerEpoch())
                    .append(",\"loss\":").append(Json.num(p.loss()))
                    .append(",\"imagesPerSec\":").append(Json.num(p.imagesPerSec()))
                    .append(",\"updatedAt\":").append(Json.str(p.updatedAt() == null ? null : p.updatedAt().toString()))
                    .append('}');
        }
        return out.append("]}").toString();
    }

    static String stages(String study, String status, List<StageView> stages) {
        long done = stages.stream().filter(StageView::finished).count();
        StringBuilder out = new StringBuilder("{\"study\":").append(Json.str(study))
                .append(",\"status\":").append(Json.str(status))
                .append(",\"done\":").append(done).append(",\"total\":").append(stages.size()).append(",\"stages\":[");
        for (int i = 0; i < stages.size(); i++) {
            StageView s = stages.get(i);
            out.append(i == 0 ? "" : ",").append("{\"stage\":").append(Json.str(s.stage()))
                    .append(",\"state\":").append(Json.str(s.state()))
                    .append(",\"activity\":").append(Json.str(s.activity()))
                    .append(",\"depth\":").append(s.depth())
                    .append(",\"parents\":[");
            for (int j = 0; j < s.parents().size(); j++) {
                out.append(j == 0 ? "" : ",").append(Json.str(s.parents().get(j)));
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }
}
