/**
 * Auto's networks as Spark tasks. Nothing imports this package: {@code auto.NetworkRunners} loads it by name, so
 * Spark is on the class path but never loaded unless an auto run asks for it.
 */
package dev.layerlab.auto.spark;
