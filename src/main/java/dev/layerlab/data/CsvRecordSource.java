package dev.layerlab.data;

import java.io.IOException;
import java.util.List;

/** Records one at a time, with the line each starts on. */
interface CsvRecordSource {
    /** 1-based line on which the last returned record started. */
    long recordLine();

    /** The next record's fields (a reused list, valid until the next call), or null at end of input. */
    List<String> next() throws IOException;

    /** Streams the next record's fields into {@code target}; returns the field count, or -1 at end of input. */
    int nextRecord(CsvRecordReader.FieldSink target) throws IOException;
}
