package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.List;
import java.util.Map;

/**
 * Training curves: each member's mean training loss and its test accuracy per epoch, from {@code training_curve}
 * (one row per member and epoch, written at each epoch's end). Every study trains, so both figures are always
 * asked for; while members train, the epochs finished so far are drawn (the dashboard's live curves).
 */
public final class TrainingSection implements Section {
    private static final String VIEW = "training_curve";

    @Override
    public String title() {
        return "Training";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        boolean finished = context.finished("train/");
        return List.of(
                curve(context, finished, "training-loss", "Training loss", "train_loss", "training loss (nats)",
                        "Mean minibatch training loss (cross-entropy plus the L2 term) over each epoch, one line per"
                                + " member."),
                curve(context, finished, "training-accuracy", "Test accuracy during training", "test_accuracy",
                        "test accuracy", "Accuracy at the end of each epoch on the test split (its first test_points: all of"
                                + " them unless the training set is less than six times larger), one line per member."));
    }

    private static Figure curve(ReportContext context, boolean finished, String id, String title, String column,
                                String yLabel, String caption) {
        String sql = "select member, epoch, " + column + " from " + VIEW + " where " + SectionFigures.study(context)
                + " order by member, epoch";
        return new FigureSpec(id, title, caption, VIEW, sql).buildGrowing(context, finished, "train/*", rows -> {
            Plot plot = Plot.of(title, "epoch", yLabel);
            int i = 0;
            for (Map.Entry<String, Rows> member : rows.groupBy("member").entrySet()) {
                plot = plot.line("member " + member.getKey(), member.getValue().numbers("epoch"),
                        member.getValue().numbers(column), Style.of(i++));
            }
            return SectionFigures.shared(plot, context, id).svg();
        });
    }
}
