package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The automatic column decisions written out as explicit settings, for code generated outside LayerLab (which
 * re-implements the preprocessing and cannot run {@link ColumnAdvice}): identifiers and free text become
 * {@code role: ignore}, columns of dates {@code type: date}, numeric columns with many zeros {@code zeroIndicator: true}. Everything else (dirty numbers, two-valued columns,
 * log1p, quantile scaling, class weights) the generated code computes from the settings as they are.
 */
public final class ExplicitSettings {
    private ExplicitSettings() {
    }

    /** @return the spec with explicit roles and date types; the spec itself when its data file cannot be found */
    public static DataSpec forCodeExport(DataSpec spec, Path baseDir) {
        if (spec.columns() != null) {
            for (Map.Entry<String, ColumnSpec> e : spec.columns().entrySet()) {
                if (e.getValue() != null && e.getValue().role() != Role.IGNORE
                        && e.getValue().encoding() == Encoding.EMBEDDING) {
                    throw embeddingRefusal(e.getKey());
                }
            }
        }
        if (spec.path() == null) {
            return spec;
        }
        Path path = Path.of(spec.path());
        if (!path.isAbsolute() && baseDir != null) {
            path = baseDir.resolve(path);
        }
        if (!Files.isRegularFile(path)) {
            return spec;
        }
        CsvFormat format = CsvSniffer.detect(path);
        if (spec.delimiter() != null) {
            format = format.withDelimiter(spec.delimiter());
        }
        if (spec.header() != null) {
            format = format.withHeader(spec.header());
        }
        Table table = TableLoader.load(path, format, Map.of(), spec.invalidNumbersOrDefault());
        DataSpec out = spec;
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            ColumnSpec setting = spec.columnSpec(c.name());
            if (c.name().equals(spec.target()) || setting.role() == Role.IGNORE) {
                continue;
            }
            ColumnAdvice advice = ColumnAdvice.of(c);
            if (c instanceof NumericColumn n && setting.zeroIndicator() == null
                    && (setting.type() == null || setting.type() == ColumnKind.NUMERIC) && ZeroIndicator.applies(presentValues(n))) {
                // the rule decided on the whole file here (training rows in LayerLab); written out, ExportLimits sees it
                out = out.withColumn(c.name(), setting.withZeroIndicator(true));
                continue;
            }
            if (setting.role() == null && advice.role() == Role.IGNORE) {
                out = out.withColumn(c.name(), setting.withRole(Role.IGNORE));
            } else if (advice.dateFormat() != null && setting.type() == null) {
                out = out.withColumn(c.name(), setting.withType(ColumnKind.DATE));
            } else if (c instanceof CategoricalColumn cat && setting.encoding() == null && setting.type() == null
                    && advice.dateFormat() == null && cat.levels().size() > Embeddings.EMBED_ABOVE) {
                throw embeddingRefusal(c.name());
            }
        }
        return out;
    }

    private static float[] presentValues(NumericColumn c) {
        float[] v = new float[c.size()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                v[k++] = c.value(i);
            }
        }
        return java.util.Arrays.copyOf(v, k);
    }

    private static InvalidInputException embeddingRefusal(String column) {
        return new InvalidInputException("Code export does not write embedding layers yet (column '" + column
                + "' has many categories and is embedded); set it to one-hot (--one-hot " + column
                + ") or ignore it to export");
    }
}
