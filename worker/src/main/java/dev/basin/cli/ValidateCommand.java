package dev.basin.cli;

import dev.basin.spec.SpecPrinter;
import dev.basin.spec.StudySpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check a study file and print it normalised, defaults filled in.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY.yaml") Path file;
    @Spec CommandSpec command;
    @Mixin CostBudget budget;
    @Option(names = "--data-dir", defaultValue = "${env:BASIN_DATA_DIR:-basin-data}",
            description = "Data folder whose saved calibration times the cost estimate (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        StudySpec spec = SpecFiles.read(file).spec();
        // the budget and the hard bounds: a spec that `run` would refuse is not valid here either
        CostBudget.Checked checked = budget.check(spec, dataDir, 1);
        command.commandLine().getOut().print(SpecPrinter.print(spec));
        command.commandLine().getOut().flush();
        if (!checked.tsneNotice().isEmpty()) {
            // stderr, so that stdout stays the normalised spec
            command.commandLine().getErr().println("basin: note: " + checked.tsneNotice() + ".");
        }
        return 0;
    }
}
