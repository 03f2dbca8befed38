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

    /** A study that asks for no analysis, only training, evaluation and the deep ensemble. */
    public StudySpec(String study, long seed, DataConfig data, ModelConfig model, TrainConfig train) {
        this(study, seed, data, model, train, AnalysesConfig.NONE);
    }
}
