package dev.basin.workflows;

import dev.basin.engine.EngineVersion;
import dev.basin.plan.StagePlan;
import dev.basin.spec.SpecException;
import dev.basin.spec.SpecHash;
import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecPrinter;
import dev.basin.spec.StudySpec;
import io.temporal.failure.ApplicationFailure;

/** Parses and plans with this worker's code and engine version. Pure: no I/O. */
public final class PlanActivityImpl implements PlanActivity {

    @Override
    public PreparedStudy prepare(String specYaml) {
        return prepare(specYaml, EngineVersion.ID);
    }

    /** The same, for an explicit engine version ({@code basin plan} and tests). */
    public static PreparedStudy prepare(String specYaml, String engineVersion) {
        StudySpec spec;
        try {
            spec = SpecParser.parse(specYaml);
        } catch (SpecException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidSpec");
        }
        String runKey = SpecHash.runKey(spec, engineVersion);
        return new PreparedStudy(spec, SpecPrinter.print(spec), SpecHash.of(spec), runKey, engineVersion,
                StagePlan.of(spec, runKey, engineVersion));
    }
}
