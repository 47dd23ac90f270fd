package dev.layerlab.cli;

import dev.layerlab.data.CsvFormat;
import dev.layerlab.data.DatasetReport;
import dev.layerlab.data.Table;
import dev.layerlab.data.TableLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows how a CSV was read and what each column holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the detected CSV format and a report per column (type, missing, distinct, statistics, problems).")
final class InspectCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "F.csv", description = "The CSV file.")
    Path data;

    @Option(names = "--delimiter", paramLabel = "C", description = "Override the detected delimiter: ',' ';' 'tab' or one character.")
    String delimiter;

    @Option(names = "--header", paramLabel = "true|false", description = "Override header detection.")
    Boolean header;

    @Override
    public Integer call() {
        CsvFormat format = CliSupport.format(data, delimiter, header);
        Table table = TableLoader.load(data, format);
        spec.commandLine().getOut().print(DatasetReport.of(table).render());
        TableLoader.headerNotes(data, format).forEach(note -> spec.commandLine().getOut().println("warning: " + note));
        for (dev.layerlab.data.CoordinateRotation pair : dev.layerlab.data.CoordinateRotation.candidates(table, null)) {
            spec.commandLine().getOut().println("Coordinates: " + pair.latitude() + " / " + pair.longitude()
                    + " look like a latitude/longitude pair; --rotate " + pair.latitude() + "," + pair.longitude()
                    + " adds them projected onto " + pair.degrees().size() + " directions (auto tries it)");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

}
