/**
 * A study's trials as Apache Spark tasks. The only package that references Spark: {@code tuning.TrialBackends}
 * loads {@link dev.layerlab.tuning.spark.SparkTrials} by name when a study runs on Spark, so Spark's classes stay
 * out of the workbench's start-up and out of studies on this machine (ArchitectureTest checks nothing imports it).
 */
package dev.layerlab.tuning.spark;
