package dev.layerlab.data;

/** What the report says a column is; CONSTANT and EMPTY columns carry no information for a model. */
public enum ColumnType { NUMERIC, CATEGORICAL, CONSTANT, EMPTY }
