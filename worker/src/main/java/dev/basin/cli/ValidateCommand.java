package dev.basin.cli;

import dev.basin.spec.SpecPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check a study file and print it normalised, defaults filled in.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY.yaml") Path file;
    @Spec CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(SpecPrinter.print(SpecFiles.read(file).spec()));
        command.commandLine().getOut().flush();
        return 0;
    }
}
