package dev.basin.spec;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;

/**
 * One study, as given by its YAML spec: the parsed, defaults-filled, validated form.
 *
 * <p>Build one with {@link SpecParser#parse(String)}; {@link SpecPrinter#print(StudySpec)} writes its
 * normalised text, {@link SpecHash} fingerprints it, and {@link SpecValidator} checks one built by hand.
 *
 * @param study    name of the study: {@code ^[a-z0-9][a-z0-9-]{0,62}$} (it becomes part of S3 keys and SQL values)
 * @param seed     root seed; every member's initialisation and data order derive from it
 * @param data     where the images come from
 * @param model    the network architecture
 * @param train    how each member is trained; {@code train.optimizer().momentum()} is 0 unless the optimizer is
 *                 {@code nesterov}
 * @param analyses the landscape analyses asked for (the optional top-level keys trajectory ... shift), each
 *                 {@code null} when its key is absent; {@link AnalysesConfig#NONE} when none is
 */
public record StudySpec(String study, long seed, DataConfig data, ModelConfig model, TrainConfig train,
                        AnalysesConfig analyses) {

    /**
     * Fills in the {@code swa} schedule's B ({@link dev.basin.engine.ScheduleConfig#swaStart()}): the
     * {@code swa.start} key when the spec has one, else 0 (meaning train.epochs); 0 for every other schedule. So
     * the members' {@link TrainConfig} carries it to the trainer, and a spec however built agrees with its keys.
     */
    public StudySpec {
        if (train != null && train.scheduleParams() != null) {
            int b = "swa".equals(train.schedule()) && analyses != null && analyses.swa() != null
                    ? analyses.swa().start() : 0;
            if (train.scheduleParams().swaStart() != b) {
                train = train.withScheduleParams(train.scheduleParams().withSwaStart(b));
            }
        }
    }

    /** A study that asks for no analysis, only training, evaluation and the deep ensemble. */
    public StudySpec(String study, long seed, DataConfig data, ModelConfig model, TrainConfig train) {
        this(study, seed, data, model, train, AnalysesConfig.NONE);
    }
}
