package dev.layerlab.data;

/** One category and how many rows hold it. */
public record CategoryCount(String value, int count) {
}
